import { describe, expect, it } from 'vitest';
import {
  type AuditContent,
  auditHash,
  canonicalJson,
  type ChainRecord,
  GENESIS_HASH,
  verifyChain,
} from './chain.ts';

function build(n: number): ChainRecord[] {
  const out: ChainRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: AuditContent = {
      id: `id-${i}`,
      at: new Date(Date.UTC(2026, 0, i)).toISOString(),
      jurisdictionId: null,
      actorId: null,
      actorUsername: 'admin',
      action: 'test',
      entityType: 'x',
      entityId: String(i),
      before: null,
      after: { b: i, a: [1, { z: 1, y: 2 }] },
      ip: '127.0.0.1',
      requestId: null,
    };
    const hash = auditHash(prev, content);
    out.push({ ...content, seq: i, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });
  it('an intact chain verifies', () => {
    expect(verifyChain(build(5))).toEqual({ ok: true, count: 5 });
  });
  it('an altered record is named', () => {
    const chain = build(5);
    chain[2] = { ...chain[2]!, after: { tampered: true } };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenSeq: 3 });
  });
  it('a removed record is named by the next one', () => {
    const chain = build(5);
    chain.splice(1, 1);
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenSeq: 3 });
  });
});
