/**
 * The contracts of the postal, queue, community, Open311 and OIDC contexts: each operation named by
 * its context, and the input rules that moved here from the services still hold.
 */
import { describe, expect, it } from 'vitest';
import { communityContract, serviceDaysInputSchema } from './community.ts';
import { oidcContract } from './oidc.ts';
import { open311Contract } from './open311.ts';
import { homeServiceInputSchema, postalContract, shipmentInputSchema } from './postal.ts';
import { queueContract, queueSetupSchema, ticketActionSchema } from './queue.ts';

const contracts = {
  postal: postalContract,
  queue: queueContract,
  community: communityContract,
  open311: open311Contract,
  oidc: oidcContract,
};

describe('contracts of postal, queue, community, Open311, OIDC', () => {
  it('tags every operation with its context and names it context.operation, once', () => {
    const ids = new Set<string>();
    const routes = new Set<string>();
    for (const [context, contract] of Object.entries(contracts))
      for (const [name, op] of Object.entries(contract)) {
        expect(op.schema.tags).toEqual([context]);
        expect(op.schema.operationId).toBe(`${context}.${name}`);
        expect(ids.has(op.schema.operationId as string)).toBe(false);
        expect(routes.has(op.route)).toBe(false);
        ids.add(op.schema.operationId as string);
        routes.add(op.route);
        expect(op.route).toBe(`${op.method} ${op.path}`);
      }
  });

  it('a postal return needs the dossier, a pick-up the applicant', () => {
    const ret = shipmentInputSchema.safeParse({ unitCode: 'X', kind: 'return' });
    expect(ret.success).toBe(false);
    expect(ret.error?.issues.map((i) => i.path.join('.'))).toEqual(['dossierCode']);
    const pickup = shipmentInputSchema.safeParse({ unitCode: 'X', kind: 'pickup' });
    expect(pickup.error?.issues.map((i) => i.path.join('.'))).toEqual(['applicant']);
  });

  it('a home service for another reason needs a note', () => {
    const r = homeServiceInputSchema.safeParse({
      unitCode: 'X',
      kind: 'pickup',
      requestedVia: 'hotline',
      reason: 'other',
      applicant: { name: 'Nguyễn Văn A', phone: '0912345678', address: 'Thôn 1, xã A' },
    });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['note']);
  });

  it('a hall setup refuses duplicate prefixes and counters serving unknown services', () => {
    const r = queueSetupSchema.safeParse({
      services: [
        { code: 'A', name: 'Một', prefix: '1' },
        { code: 'B', name: 'Hai', prefix: '1' },
      ],
      counters: [{ number: 1, name: 'Quầy 1', serviceCodes: ['C'] }],
    });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'services.1.prefix',
      'counters.0.serviceCodes.0',
    ]);
  });

  it('a ticket action is one of the known ones, with what it needs', () => {
    expect(ticketActionSchema.safeParse({ action: 'transfer', serviceCode: 'B' }).success).toBe(true);
    expect(ticketActionSchema.safeParse({ action: 'transfer' }).success).toBe(false);
    expect(ticketActionSchema.safeParse({ action: 'shout' }).success).toBe(false);
  });

  it('service days need dates, or weekdays with a period', () => {
    expect(serviceDaysInputSchema.safeParse({ kind: 'no_appointment' }).success).toBe(false);
    const r = serviceDaysInputSchema.safeParse({ kind: 'no_writing', weekdays: [1], from: '2026-01-05' });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['to']);
    expect(serviceDaysInputSchema.safeParse({ kind: 'no_writing', days: ['2026-01-05'] }).success).toBe(true);
  });
});
