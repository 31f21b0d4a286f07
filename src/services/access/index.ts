/** The access context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './access-log.ts';
export * from './units.ts';
export * from './scope.ts';
