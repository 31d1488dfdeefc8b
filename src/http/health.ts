import { processFaults } from '../process-faults.js';
import { sendJson, type RouteHandler } from './server.js';

/** Undelivered events as the outbox counts them. */
export interface OutboxBacklog {
  /** Events not yet delivered, over all consumers. */
  pending: number;
  /** Of those, the ones that failed at least once. */
  failing: number;
  /** Seconds the oldest undelivered event of each consumer has waited; a consumer with nothing pending is absent. */
  oldestAgeByConsumer: Record<string, number>;
}

/**
 * What `GET /healthz` asks the running service; the composition root answers it from the database, the outbox,
 * the scheduler, the mailbox and the chat platforms, so this route knows no store.
 */
export interface HealthProbe {
  /** Resolves once the database has answered a trivial query; rejects when it cannot be reached. */
  database(): Promise<unknown>;
  /** The outbox's backlog; asked only while the database is up. */
  outbox(): Promise<OutboxBacklog>;
  /** True while the job scheduler is started and not stopping. */
  schedulerRunning(): boolean;
  /** The IMAP mailbox, as it reports itself; absent: no `mailbox` in the answer. */
  mailbox?(): unknown;
  /** Issue #17: how many institutions' mailboxes this instance reads, stands by for, or cannot reach (counts only). */
  mailboxes?(): unknown;
  /** Each chat platform by name (`starting`, `up`, or `down` with a reason); absent: no `platforms` in the answer. */
  platforms?(): Record<string, unknown>;
}

export interface HealthOptions {
  /** The answer is 503 `stuck` once the oldest undelivered event is older than this (HEALTH_STUCK_AFTER_SECONDS). */
  stuckAfterSeconds?: number;
}

/**
 * `GET /healthz`: 200 `ok` with the state of every part; 503 `unavailable` when the database cannot be reached,
 * 503 `stuck` when an event has waited for delivery longer than the limit (a platform down that long, or a
 * consumer that no longer makes progress). The mailbox and the platforms only report: a platform that is down
 * alone keeps 200, intake still works.
 */
export function healthRoute(probe: HealthProbe, options: HealthOptions = {}): RouteHandler {
  return async (_request, response) => {
    const database = await withTimeout(probe.database(), 2_000).then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const delivery = database === 'up' ? await withTimeout(probe.outbox(), 2_000).then(deliveryHealth, () => null) : null;
    const stuck = delivery !== null && options.stuckAfterSeconds !== undefined && delivery.oldestPendingSeconds > options.stuckAfterSeconds;
    const status = database === 'down' ? 'unavailable' : stuck ? 'stuck' : 'ok';
    const body = {
      status,
      database,
      scheduler: probe.schedulerRunning() ? 'running' : 'stopped',
      outbox: delivery,
      ...(probe.mailbox ? { mailbox: probe.mailbox() } : {}),
      ...(probe.mailboxes ? { mailboxes: probe.mailboxes() } : {}),
      ...(probe.platforms ? { platforms: probe.platforms() } : {}),
      process: { ...processFaults },
    };
    sendJson(response, status === 'ok' ? 200 : 503, body);
  };
}

/** The backlog as /healthz shows it: ages to a tenth of a second, and the oldest of all. */
function deliveryHealth({ pending, failing, oldestAgeByConsumer }: OutboxBacklog) {
  const seconds = (age: number) => Math.round(age * 10) / 10;
  const ages = Object.values(oldestAgeByConsumer);
  const oldestPendingByConsumer = Object.fromEntries(Object.entries(oldestAgeByConsumer).map(([consumer, age]) => [consumer, seconds(age)]));
  return { pending, failing, oldestPendingSeconds: seconds(Math.max(0, ...ages)), oldestPendingByConsumer };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
