/** The catalog context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './catalog.ts';
export * from './processes.ts';
export * from './versions.ts';
