/** The staff context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './evaluations.ts';
export * from './hotline.ts';
export * from './public-unit.ts';
