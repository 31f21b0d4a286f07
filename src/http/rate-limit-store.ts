import type { ServiceContext } from '../services/platform/index.ts';
import { hitWindow } from '../services/platform/index.ts';

type IncrCallback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * @fastify/rate-limit store backed by the rate_limits table, so every server process counts
 * against the same windows.
 */
export class DatabaseRateLimitStore {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly timeWindow: number,
    private readonly prefix = 'http:',
  ) {}

  /** The constructor @fastify/rate-limit expects (it passes its options). */
  static factory(ctx: ServiceContext) {
    return class extends DatabaseRateLimitStore {
      constructor(options: { timeWindow?: number }) {
        super(ctx, Number(options.timeWindow ?? 60_000));
      }
    };
  }

  incr(key: string, callback: IncrCallback): void {
    const now = this.ctx.clock();
    hitWindow(this.ctx.database.db, `${this.prefix}${key}`, this.timeWindow, now).then(
      (w) => callback(null, { current: w.count, ttl: Math.max(0, w.resetAt.getTime() - now.getTime()) }),
      (err: Error) => callback(err),
    );
  }

  /** A per-route store (routes with their own limit count separately). */
  child(routeOptions: any): DatabaseRateLimitStore {
    const info = routeOptions?.routeInfo ?? {};
    return new DatabaseRateLimitStore(
      this.ctx,
      Number(routeOptions?.timeWindow ?? this.timeWindow),
      `http:${info.method ?? ''}:${info.url ?? ''}:`,
    );
  }
}
