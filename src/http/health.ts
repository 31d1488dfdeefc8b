import type { DataSource } from 'typeorm';
import type { PlatformHealth } from '../bot/platform-health.js';
import type { OutboxDispatcher } from '../persistence/outbox.js';
import { processFaults } from '../process-faults.js';
import { sendJson, type RouteHandler } from './server.js';

export interface SchedulerProbe {
  /** True while the job scheduler is started and not stopping. */
  isRunning(): boolean;
}

/** Parts that report their own state; they never turn the answer into a 503 by themselves. */
export interface HealthExtras {
  /** The IMAP mailbox. */
  mailbox?: () => unknown;
  /** Each chat platform by name: `starting`, `up`, or `down` with a reason. */
  platforms?: () => Record<string, PlatformHealth>;
  /** The answer is 503 `stuck` once the oldest undelivered event is older than this (HEALTH_STUCK_AFTER_SECONDS). */
  stuckAfterSeconds?: number;
}

/**
 * `GET /healthz`: 200 `ok` with the state of every part; 503 `unavailable` when the database cannot be reached,
 * 503 `stuck` when an event has waited for delivery longer than the limit (a platform down that long, or a
 * consumer that no longer makes progress). A platform that is down alone keeps 200: intake still works.
 */
export function healthRoute(dataSource: DataSource, outbox: OutboxDispatcher, scheduler: SchedulerProbe, extras: HealthExtras = {}): RouteHandler {
  return async (_request, response) => {
    const database = await withTimeout(dataSource.query('SELECT 1'), 2_000).then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const delivery = database === 'up' ? await withTimeout(deliveryHealth(dataSource, outbox), 2_000).catch(() => null) : null;
    const stuck = delivery !== null && extras.stuckAfterSeconds !== undefined && delivery.oldestPendingSeconds > extras.stuckAfterSeconds;
    const status = database === 'down' ? 'unavailable' : stuck ? 'stuck' : 'ok';
    const body = {
      status,
      database,
      scheduler: scheduler.isRunning() ? 'running' : 'stopped',
      outbox: delivery,
      ...(extras.mailbox ? { mailbox: extras.mailbox() } : {}),
      ...(extras.platforms ? { platforms: extras.platforms() } : {}),
      process: { ...processFaults },
    };
    sendJson(response, status === 'ok' ? 200 : 503, body);
  };
}

/** The dispatcher's counts and how long the oldest undelivered event has waited, in all and per consumer. */
async function deliveryHealth(dataSource: DataSource, outbox: OutboxDispatcher) {
  const counts = await outbox.health();
  const rows: Array<{ consumer: string; age: number }> = await dataSource.query(
    `SELECT consumer, extract(epoch FROM now() - min(created_at))::float AS age
     FROM outbox WHERE delivered_at IS NULL GROUP BY consumer`,
  );
  const seconds = (age: number) => Math.round(age * 10) / 10;
  const oldestPendingByConsumer = Object.fromEntries(rows.map((row) => [row.consumer, seconds(row.age)]));
  return { ...counts, oldestPendingSeconds: seconds(Math.max(0, ...rows.map((row) => row.age))), oldestPendingByConsumer };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
