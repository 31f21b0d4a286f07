/**
 * Live queue events for the hall displays: one LISTEN on `motcua_queue` per server process, fanned
 * out to the server-sent-event streams of each unit. Any process's change reaches every display,
 * whichever process serves it (PostgreSQL delivers the NOTIFY to all listeners on commit).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../services/platform/index.ts';
import { QUEUE_CHANNEL, type QueueNotice } from '../services/queue/index.ts';

type Listener = (notice: QueueNotice) => void;

export class QueueEventHub {
  private listeners = new Map<string, Set<Listener>>();
  private stop: (() => Promise<void>) | null = null;
  private starting: Promise<void> | null = null;

  constructor(private ctx: ServiceContext) {}

  private async start(): Promise<void> {
    this.starting ??= this.ctx.database
      .listen(QUEUE_CHANNEL, (payload) => {
        let notice: QueueNotice;
        try {
          notice = JSON.parse(payload) as QueueNotice;
        } catch {
          return;
        }
        for (const listener of this.listeners.get(notice.unitCode) ?? []) listener(notice);
      })
      .then((stop) => {
        this.stop = stop;
      });
    await this.starting;
  }

  async subscribe(unitCode: string, listener: Listener): Promise<() => void> {
    await this.start();
    const set = this.listeners.get(unitCode) ?? new Set();
    set.add(listener);
    this.listeners.set(unitCode, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(unitCode);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.stop?.();
  }
}

/** Streams a unit's queue events as server-sent events (`event: called`, `data: {…}`), with a heartbeat. */
export async function streamQueueEvents(
  hub: QueueEventHub,
  unitCode: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Proxies (nginx) must not buffer the stream.
    'x-accel-buffering': 'no',
  });
  // Reconnect after 2 s if the connection drops; an opening comment flushes the headers.
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = await hub.subscribe(unitCode, (notice) => {
    res.write(`event: ${notice.type}\ndata: ${JSON.stringify(notice)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  request.raw.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
