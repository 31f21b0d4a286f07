/**
 * Writes a file of made-up dossier histories in the import format (NDJSON, one dossier a line), as
 * another system would export them: to try `npx motcua import dossiers` and the reports at scale.
 *
 *   npx tsx scripts/sample-history.ts --count 100000 --out history.ndjson
 *
 * Options: --units (comma-separated unit codes, default the demo communes), --procedures (default
 * the demo communes' civil-status, certification and business procedures), --years (default 2, up
 * to now), --seed, --prefix (dossier code prefix, default SAMPLE).
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { randomHistories } from '../src/db/seed/history-generator.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    out: { type: 'string' },
    units: { type: 'string', default: 'AG.LONGXUYEN,AG.CHAUPHU,AG.MYHOAHUNG' },
    procedures: { type: 'string', default: '1.001193,1.000894,1.003583,1.004873,1.000656,1.001022' },
    years: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    prefix: { type: 'string', default: 'SAMPLE' },
  },
});
const now = new Date();
const out = values.out ? createWriteStream(values.out) : process.stdout;
let n = 0;
for (const d of randomHistories({
  seed: Number(values.seed),
  count: Number(values.count),
  unitCodes: values.units.split(','),
  procedureCodes: values.procedures.split(','),
  from: new Date(now.getTime() - Number(values.years) * 365 * 86_400_000),
  to: now,
  now,
  codePrefix: values.prefix,
})) {
  if (!out.write(`${JSON.stringify(d)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  n++;
}
if (values.out) {
  await new Promise<void>((r) => (out as ReturnType<typeof createWriteStream>).end(() => r()));
  process.stderr.write(`Wrote ${n} dossiers to ${values.out}\n`);
}
