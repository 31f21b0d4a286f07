/** The platform context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './audit-checkpoints.ts';
export * from './audit.ts';
export * from './backup.ts';
export * from './context.ts';
export * from './health.ts';
export * from './rate-limit.ts';
export * from './retention.ts';
export * from './secret-box.ts';
