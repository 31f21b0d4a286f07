/**
 * Open311 GeoReport v2 over the feedback data (registered under /open311/v2, not /api/v1). Its
 * bodies are Open311's own (form-encoded requests, JSON arrays, errors as `[{code, description}]`),
 * checked by the routes themselves as the specification words them, so the operations here carry
 * their summaries only.
 */
import { defineContract, operation } from './operation.ts';

export const open311Contract = defineContract('open311', {
  discovery: operation('GET /discovery.json', { summary: 'Open311 discovery' }),
  services: operation('GET /services.json', { summary: 'Open311 services: the feedback categories' }),
  service: operation('GET /services/:code.json', { summary: 'Open311 service definition' }),
  createRequest: operation('POST /requests.json', {
    summary: 'Open311: create a service request (needs api_key)',
  }),
  requests: operation('GET /requests.json', { summary: 'Open311: list service requests' }),
  request: operation('GET /requests/:id.json', { summary: 'Open311: one service request' }),
});
