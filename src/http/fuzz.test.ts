/**
 * Fuzzing every operation of /openapi.json (issue 14 §7): requests generated from each operation's
 * schema — valid, at the boundaries, and broken (wrong types, huge and unusual strings, nulls,
 * extra fields, prototype keys) — sent as an anonymous caller, a receptionist and the system
 * administrator, must never get a 5xx or a stack trace; afterwards the audit chain and every
 * dossier's event chain still verify.
 *
 * `npm test` runs a short pass (FUZZ_RUNS, default 3 requests per operation and caller), with a
 * fresh seed on a developer's machine and a fixed one under CI, so that CI judges the commit and not
 * the luck of the draw (a new counterexample found locally becomes a regression test of its own).
 * `npm run fuzz` runs a long one. Each run prints its seed; replay a failure with
 * `FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npx vitest run src/http/fuzz.test.ts` (fast-check also prints
 * the shrunk counterexample and its path).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../services/platform/index.ts';
import { verifyDossierChains } from '../services/dossiers/index.ts';
import { bearer, createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';
import { leaksInternals, type Operation, operationsOf, requestArb } from '../test/fuzz-requests.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const CI_SEED = 20261207;
const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : process.env.CI
    ? CI_SEED
    : Date.now() % 2 ** 31;

describe.each(TEST_TARGETS)('fuzzing the API on %s', (target) => {
  let t: TestApp;
  let operations: Operation[] = [];
  const tokens: Record<string, string | null> = { anonymous: null };
  let address = 0;
  /** A fresh client address per request: the fuzzer must reach the code, not the rate limiter. */
  const nextAddress = () => {
    address++;
    return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
  };

  beforeAll(async () => {
    t = await createTestApp(target);
    operations = operationsOf((await t.app.inject('/openapi.json')).json()).filter(
      // Live event streams never end: nothing to fuzz in a request without parameters.
      (op) => !op.streams,
    );
    tokens.receptionist = await t.login('tiepnhan.longxuyen');
    tokens.admin = await t.login('admin');
    console.log(`fuzz seed ${SEED}, ${RUNS} runs per operation and caller (${operations.length} operations)`);
  });
  afterAll(async () => t?.close());

  it(
    'never answers 5xx nor shows a stack trace',
    async () => {
      expect(operations.length).toBeGreaterThan(100);
      const failures: string[] = [];
      for (const op of operations) {
        const callers = Object.keys(tokens).filter(
          // A caller who logs out stops being one: keep the staff sessions for the other operations.
          (c) => !(op.path === '/api/v1/auth/logout' && c !== 'anonymous'),
        );
        try {
          await fc.assert(
            fc.asyncProperty(requestArb(op), fc.constantFrom(...callers), async (req, caller) => {
              const token = tokens[caller];
              const res = await t.app.inject({
                method: req.method as 'GET',
                url: req.url,
                remoteAddress: nextAddress(),
                headers: {
                  ...(token ? bearer(token) : {}),
                  ...(req.body !== null ? { 'content-type': 'application/json' } : {}),
                },
                ...(req.body !== null ? { payload: req.body } : {}),
              });
              const where = `${req.method} ${req.url.slice(0, 200)} as ${caller}: ${res.statusCode}`;
              if (res.statusCode >= 500) throw new Error(`${where} ${res.body.slice(0, 500)}`);
              if (leaksInternals(res.body))
                throw new Error(`${where} leaks internals: ${res.body.slice(0, 500)}`);
            }),
            { numRuns: RUNS, seed: SEED, endOnFailure: true },
          );
        } catch (err) {
          failures.push(
            `${op.method} ${op.path}: ${(err as Error).message.split('\n').slice(0, 8).join('\n')}`,
          );
        }
      }
      expect(failures, `seed ${SEED}`).toEqual([]);
      // A long run (npm run fuzz) takes about a second per run on this machine's two cores.
    },
    60_000 + RUNS * 2_000,
  );

  it('leaves the audit chain and every dossier chain intact', async () => {
    const audit = await verifyAuditChain(t.ctx.database.db);
    expect(audit.ok).toBe(true);
    expect((await verifyDossierChains(t.ctx.database.db)).ok).toBe(true);
  });
});
