/**
 * The database schema (drizzle). Every table that grows with dossiers carries `jurisdiction_id`
 * (the root unit, i.e. the province) so it can later be distributed by it without a rewrite.
 * The tables live in `./schema/<context>.ts`; this module re-exports them all (drizzle-kit reads it).
 */
export * from './schema/identity.ts';
export * from './schema/catalog.ts';
export * from './schema/calendar.ts';
export * from './schema/audit.ts';
export * from './schema/dossiers.ts';
export * from './schema/notifications.ts';
export * from './schema/feedback.ts';
export * from './schema/applications.ts';
export * from './schema/payments.ts';
export * from './schema/statistics.ts';
export * from './schema/queue.ts';
export * from './schema/postal.ts';
export * from './schema/staff.ts';
export * from './schema/home-service.ts';
