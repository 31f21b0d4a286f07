/**
 * Open311 GeoReport v2 over the feedback data, so apps that already speak it can send and follow
 * feedback: discovery, services (the feedback categories), service requests. JSON only. Errors
 * are Open311 error arrays `[{code, description}]`. POST needs an `api_key` issued by an admin
 * (scoped to units or not). Reading shows only what the author agreed to publish, and never the
 * address, coordinates, contact or attachments (issue 14 §3); every route counts against the same
 * per-address limit as `/api/v1` (the same database counter).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LIMITS } from '../../config.ts';
import { open311Contract as o } from '../../contracts/open311.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  apiKeyOf,
  FEEDBACK_CATEGORIES,
  type FeedbackRow,
  findFeedback,
  keyCoversUnit,
  open311TargetUnit,
  submitFeedback,
} from '../../services/feedback/index.ts';
import { toProblem } from '../problem.ts';
import { DatabaseRateLimitStore } from '../rate-limit-store.ts';

type Query = Record<string, string | undefined>;

class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function toRequest(f: FeedbackRow, unitName: string) {
  const category = FEEDBACK_CATEGORIES.find((c) => c.code === f.category);
  return {
    service_request_id: f.id,
    status: f.status === 'answered' || f.status === 'closed' ? 'closed' : 'open',
    status_notes: f.answer,
    service_name: category?.name ?? f.category,
    service_code: f.category,
    description: f.text,
    agency_responsible: unitName,
    service_notice: null,
    requested_datetime: f.createdAt.toISOString(),
    updated_datetime: f.updatedAt.toISOString(),
    expected_datetime: f.dueAt.toISOString(),
    // Published requests only, and without where they are or who sent them (issue 14 §3).
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export async function open311Routes(
  app: FastifyInstance,
  {
    ctx,
    baseUrl,
    apiPerMinute = DEFAULT_LIMITS.apiPerMinute,
  }: { ctx: ServiceContext; baseUrl: string; apiPerMinute?: number },
) {
  // The /api/v1 limiter: same window, same limit, same key (`http:<address>` in the database), so
  // a client's Open311 calls and its API calls share one budget.
  await app.register(rateLimit, {
    max: apiPerMinute,
    timeWindow: 60_000,
    store: DatabaseRateLimitStore.factory(ctx),
    keyGenerator: (req) => req.ip,
    errorResponseBuilder: (_req, context) =>
      Object.assign(new Open311Error(429, 'Too many requests, try again later'), {
        statusCode: 429,
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
  // Open311 clients post form-encoded bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.setErrorHandler((error, request, reply) => {
    const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retryAfter) reply.header('retry-after', String(retryAfter));
    const status = error instanceof Open311Error ? error.status : toProblem(request, error as Error).status;
    const description =
      error instanceof Open311Error ? error.message : toProblem(request, error as Error).detail;
    return reply.status(status).send([{ code: status, description }]);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send([{ code: 404, description: 'Not found' }]),
  );

  app.get(o.discovery.path, { schema: o.discovery.schema }, async () => ({
    changeset: '2026-11-23T00:00:00Z',
    contact: 'Bộ phận Một cửa — see /api/v1/public/units for hotlines',
    key_service: 'Ask the system administrator for an API key (POST /api/v1/admin/api-keys)',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${baseUrl.replace(/\/$/, '')}/open311/v2`,
        changeset: '2026-11-23T00:00:00Z',
        type: 'production',
        formats: ['application/json'],
      },
    ],
  }));

  app.get(o.services.path, { schema: o.services.schema }, async () =>
    FEEDBACK_CATEGORIES.map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: `${c.name} (${c.nameEn})`,
      metadata: false,
      type: 'realtime',
      keywords: c.nameEn.toLowerCase(),
      group: 'phan-anh-kien-nghi',
    })),
  );

  app.get<{ Params: { code: string } }>(o.service.path, { schema: o.service.schema }, async (request) => {
    const code = request.params.code;
    if (!FEEDBACK_CATEGORIES.some((c) => c.code === code))
      throw new Open311Error(404, `Unknown service_code ${code}`);
    return { service_code: code, attributes: [] };
  });

  app.post<{ Body: Query }>(
    o.createRequest.path,
    { schema: o.createRequest.schema },
    async (request, reply) => {
      const b = request.body ?? {};
      const key = await apiKeyOf(ctx, b.api_key);
      if (!key) throw new Open311Error(403, 'Invalid api_key');
      if (!b.service_code || !FEEDBACK_CATEGORIES.some((c) => c.code === b.service_code))
        throw new Open311Error(400, 'service_code missing or unknown');
      if (!b.description) throw new Open311Error(400, 'description is required');
      // The unit: jurisdiction_id, else the key's first unit, else the root.
      const target = await open311TargetUnit(ctx, key, b.jurisdiction_id);
      if (!target) throw new Open311Error(400, `Unknown jurisdiction_id ${b.jurisdiction_id}`);
      if (!(await keyCoversUnit(ctx, key.unitIds, target.id)))
        throw new Open311Error(403, `This api_key may not post to ${target.code}`);
      const name = [b.first_name, b.last_name].filter(Boolean).join(' ') || 'Open311';
      const row = await submitFeedback(
        ctx,
        request.ip ?? null,
        {
          unitCode: target.code,
          category: b.service_code,
          text: b.description,
          name,
          phone: b.phone,
          email: b.email,
          // The author's consent to publish (GeoReport v2 service attribute `publish`); off by default.
          publish: b['attribute[publish]'] === 'true',
          address: b.address_string,
          lat: b.lat,
          long: b.long,
        },
        'open311',
      ).catch((err: Error & { status?: number }) => {
        throw new Open311Error(err.status ?? 400, err.message);
      });
      return reply.status(201).send([{ service_request_id: row.id, service_notice: null, account_id: null }]);
    },
  );

  app.get<{ Querystring: Query }>(o.requests.path, { schema: o.requests.schema }, async (request) => {
    const q = request.query;
    const date = (v: string | undefined, name: string) => {
      if (!v) return undefined;
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} must be W3C date-time`);
      return d;
    };
    if (q.status && q.status !== 'open' && q.status !== 'closed')
      throw new Open311Error(400, 'status must be open or closed');
    const rows = await findFeedback(ctx, {
      ids: q.service_request_id ? q.service_request_id.split(',') : undefined,
      category: q.service_code,
      from: date(q.start_date, 'start_date'),
      to: date(q.end_date, 'end_date'),
      status: q.status as 'open' | 'closed' | undefined,
    });
    return rows.map(({ f, unitName }) => toRequest(f, unitName));
  });

  app.get<{ Params: { id: string } }>(o.request.path, { schema: o.request.schema }, async (request) => {
    if (!/^[0-9a-f-]{36}$/i.test(request.params.id))
      throw new Open311Error(404, 'Unknown service_request_id');
    const rows = await findFeedback(ctx, { ids: [request.params.id] });
    if (rows.length === 0) throw new Open311Error(404, 'Unknown service_request_id');
    return rows.map(({ f, unitName }) => toRequest(f, unitName));
  });
}
