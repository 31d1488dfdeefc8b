import type { DataSource } from 'typeorm';
import type { OutboxDispatcher } from '../persistence/outbox.js';
import { sendJson, type RouteHandler } from './server.js';

export interface SchedulerProbe {
  /** True while the job scheduler is started and not stopping. */
  isRunning(): boolean;
}

/** `GET /healthz`: 200 with the database, scheduler and outbox state; 503 when the database is unreachable. */
/** Optional parts that report their own state (the IMAP mailbox); they never turn the answer into a 503. */
export interface HealthExtras {
  mailbox?: () => unknown;
}

export function healthRoute(dataSource: DataSource, outbox: OutboxDispatcher, scheduler: SchedulerProbe, extras: HealthExtras = {}): RouteHandler {
  return async (_request, response) => {
    const database = await withTimeout(dataSource.query('SELECT 1'), 2_000).then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const delivery = database === 'up' ? await outbox.health().catch(() => null) : null;
    const body = {
      status: database === 'up' ? 'ok' : 'unavailable',
      database,
      scheduler: scheduler.isRunning() ? 'running' : 'stopped',
      outbox: delivery,
      ...(extras.mailbox ? { mailbox: extras.mailbox() } : {}),
    };
    sendJson(response, database === 'up' ? 200 : 503, body);
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
