/**
 * What the sandbox keeps of its past, so that a long `npm start`, soak or benchmark does not grow
 * without end: the newest API calls, bus events and deliveries, and finished executions with their
 * histories. Running executions are always kept. Tests that index into these lists pass
 * `UNBOUNDED` (a test is short).
 */
export interface Retention {
  apiCalls: number;
  events: number;
  finishedExecutions: number;
}

export const DEFAULT_RETENTION: Retention = { apiCalls: 1_000, events: 1_000, finishedExecutions: 50 };

export const UNBOUNDED: Retention = {
  apiCalls: Number.POSITIVE_INFINITY,
  events: Number.POSITIVE_INFINITY,
  finishedExecutions: Number.POSITIVE_INFINITY,
};

/** Drops the oldest items past `limit` (in batches, so a steady stream trims rarely). */
export function keepNewest<T>(items: T[], limit: number): void {
  if (items.length > limit + Math.max(1, Math.floor(limit / 10))) items.splice(0, items.length - limit);
}
