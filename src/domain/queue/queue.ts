/**
 * The counter queue of a one-stop shop: tickets taken at a kiosk for a service (a group of fields
 * with its own number range), called by the officer of a counter that serves it, people with a
 * priority (elderly, disabled, pregnant, with small children) first. Pure: no I/O, no clock.
 *
 * A ticket's life: waiting → called (recalled any number of times) → serving → done; a called
 * ticket nobody answers becomes no_show once it has been recalled enough; a waiting or called
 * ticket can be transferred to another service (it waits again there, behind those already
 * waiting). Numbers restart every day: the label is the service's prefix and the day's number.
 */

export const PRIORITIES = ['elderly', 'disabled', 'pregnant', 'small_children'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const QUEUE_ACTIONS = ['call', 'recall', 'start', 'finish', 'no_show', 'transfer'] as const;
export type QueueAction = (typeof QUEUE_ACTIONS)[number];

/** Which action each status allows: the compiler checks every status is covered. */
export const ACTIONS_BY_STATUS = {
  waiting: ['call', 'transfer'],
  called: ['recall', 'start', 'no_show', 'transfer'],
  serving: ['finish', 'transfer'],
  done: [],
  no_show: [],
} as const satisfies Record<TicketStatus, readonly QueueAction[]>;

export function allows(status: TicketStatus, action: QueueAction): boolean {
  return (ACTIONS_BY_STATUS[status] as readonly QueueAction[]).includes(action);
}

/** What the queue needs of a waiting ticket to order it. */
export interface WaitingTicket {
  id: string;
  serviceCode: string;
  priority: Priority | null;
  /** When it joined this service's queue (taken, or transferred here). */
  queuedAt: Date;
}

/** Priority first, then first come, first served (the id breaks ties, so the order is total). */
export function compareWaiting(a: WaitingTicket, b: WaitingTicket): number {
  const pa = a.priority ? 0 : 1;
  const pb = b.priority ? 0 : 1;
  if (pa !== pb) return pa - pb;
  const t = a.queuedAt.getTime() - b.queuedAt.getTime();
  if (t !== 0) return t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The ticket a counter serving `services` calls next, or null when nobody waits for them. */
export function nextForCounter<T extends WaitingTicket>(
  waiting: readonly T[],
  services: readonly string[],
): T | null {
  const mine = waiting.filter((t) => services.includes(t.serviceCode));
  mine.sort(compareWaiting);
  return mine[0] ?? null;
}

/** How many waiting tickets of the same service would be called before this one. */
export function peopleAhead(ticket: WaitingTicket, waiting: readonly WaitingTicket[]): number {
  return waiting.filter(
    (t) => t.id !== ticket.id && t.serviceCode === ticket.serviceCode && compareWaiting(t, ticket) < 0,
  ).length;
}

/** Minutes a service takes when there is no history yet (a first morning). */
export const DEFAULT_SERVICE_MINUTES = 10;

/**
 * Estimated wait, in whole minutes: the people ahead share the service's open counters, each taking
 * the median of the recent service times (robust to one long case) or the default when there are
 * none. No open counter: the wait cannot be estimated (null), rather than a made-up figure.
 */
export function estimateWaitMinutes(
  ahead: number,
  recentServiceMinutes: readonly number[],
  openCounters: number,
): number | null {
  if (openCounters <= 0) return null;
  const sorted = [...recentServiceMinutes].filter((m) => Number.isFinite(m) && m >= 0).sort((a, b) => a - b);
  const typical = sorted.length
    ? sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]!
      : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2
    : DEFAULT_SERVICE_MINUTES;
  return Math.ceil((ahead * typical) / openCounters);
}

/** The label printed and called: the service's prefix and the day's number, three digits at least. */
export function ticketLabel(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(3, '0')}`;
}

/** What the hall display and the voice say when a ticket is called (Vietnamese). */
export function callAnnouncement(label: string, counterNumber: number): string {
  return `Mời số ${label} đến quầy số ${counterNumber}`;
}

/**
 * A ticket may be marked no-show only once it has been called and recalled `minRecalls` times
 * (a person in the toilet is not lost after one call).
 */
export function mayMarkNoShow(status: TicketStatus, recalls: number, minRecalls: number): boolean {
  return status === 'called' && recalls >= minRecalls;
}
