/**
 * The import rules of the repository (docs/architecture.md, "Rules"), checked by `npm run deps` as
 * part of `npm test`. Zero violations and no baseline: a rule that must bend is changed here, with
 * its reason, in review.
 */
/** A path inside a services context: group 1 is the context. */
const CONTEXT_FILE = '^src/services/([^/]+)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle makes two modules one: split the shared part out, or invert the call.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment:
        'src/domain holds the rules: no database, no HTTP, no files, no clock. It may use zod, hashing and the lunar calendar.',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: '(\\.test\\.ts|/test-helpers\\.ts)$' },
      to: {
        pathNot: ['^src/domain/', '^node_modules/(zod|@dqcai/vn-lunar)/', '^(node:)?crypto$'],
      },
    },
    {
      name: 'routes-without-database',
      comment: 'A route validates, authorises and calls a service; the SQL lives in the service.',
      severity: 'error',
      from: { path: '^src/http/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^src/db/', '^node_modules/(drizzle-orm|pg|@electric-sql/pglite|pg-boss)/'] },
    },
    {
      name: 'contexts-meet-at-the-door',
      comment:
        "A context uses another only through that context's index.ts; its other files are its own.",
      severity: 'error',
      from: { path: CONTEXT_FILE },
      to: { path: '^src/services/[^/]+/', pathNot: [`${CONTEXT_FILE.replace('([^/]+)', '$1')}`, '^src/services/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-meets-services-at-the-door',
      comment: 'Routes, jobs, the CLI and benchmarks call a context through its index.ts.',
      severity: 'error',
      from: { pathNot: '^src/services/' },
      to: { path: '^src/services/[^/]+/', pathNot: '^src/services/[^/]+/index\\.ts$' },
    },
    {
      name: 'web-sees-domain-and-contracts-only',
      comment: 'The web app shares the pure rules and the API contract with the server, nothing else.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/(domain|contracts)/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
  },
};
