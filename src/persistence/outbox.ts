import type { DataSource, EntityManager } from 'typeorm';
import type { InquiryEvent } from '../domain/events.js';
import type { EventConsumer } from '../domain/notifier.js';
import type { EventSink } from '../domain/unit-of-work.js';
import type { Logger } from '../logger.js';
import type { OutboxRow } from './entities.js';

/** Writes one outbox row per interested consumer, in the caller's transaction. */
export class OutboxWriter implements EventSink {
  constructor(
    private readonly db: EntityManager,
    private readonly consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[],
  ) {}

  async publish(event: InquiryEvent): Promise<void> {
    const targets = this.consumers.filter((consumer) => consumer.accepts(event.type));
    if (targets.length === 0) return;
    await this.db.query(
      `INSERT INTO outbox (consumer, inquiry_id, event_type, payload)
       SELECT consumer, $2, $3, $4 FROM unnest($1::text[]) AS consumer`,
      [targets.map((consumer) => consumer.name), event.inquiryId, event.type, JSON.stringify(event)],
    );
  }
}

export interface OutboxDispatcherOptions {
  /** How often to look for due events when nobody wakes the dispatcher. */
  pollMs: number;
  batchSize: number;
  /** How long a taken event is reserved before another instance may retry it. */
  leaseMs: number;
  /** First retry delay; doubles with each failure up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: OutboxDispatcherOptions = {
  pollMs: 500,
  batchSize: 50,
  leaseMs: 60_000,
  baseBackoffMs: 1_000,
  maxBackoffMs: 10 * 60_000,
};

export interface OutboxHealth {
  pending: number;
  failing: number;
}

/**
 * Delivers outbox events to their consumers at least once, in order per inquiry and consumer, with
 * exponential backoff. Several instances may run on one database: a lease keeps them off each other's rows.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: readonly EventConsumer[],
    private readonly logger: Logger,
    private readonly options: OutboxDispatcherOptions = DEFAULT_DISPATCHER_OPTIONS,
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks for work now (after a commit) instead of at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = this.drainOnce()
      .catch((error: unknown) => this.logger.error({ err: error }, 'outbox dispatch failed'))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        const delay = this.again ? 0 : this.options.pollMs;
        this.again = false;
        this.timer = setTimeout(() => this.wake(), delay);
      });
  }

  /** Stops taking new work and waits for deliveries under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async health(): Promise<OutboxHealth> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempts > 1)::int AS failing
       FROM outbox WHERE delivered_at IS NULL`,
    );
    return row;
  }

  /** Delivers until nothing is due; consumers run side by side so a slow platform holds back only itself. */
  private async drainOnce(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => this.drainConsumer(consumer)));
  }

  /** Each round takes the oldest undelivered event of each inquiry. */
  private async drainConsumer(consumer: EventConsumer): Promise<void> {
    for (let batch = await this.take(consumer); batch.length > 0 && !this.stopped; batch = await this.take(consumer)) {
      await Promise.all(batch.map((row) => this.deliver(consumer, row)));
    }
  }

  private take(consumer: EventConsumer): Promise<OutboxRow[]> {
    return this.dataSource.query(
      `UPDATE outbox SET locked_until = now() + make_interval(secs => $3::float / 1000), attempts = attempts + 1
       WHERE id IN (
         SELECT o.id FROM outbox o
         WHERE o.consumer = $1 AND o.delivered_at IS NULL AND o.next_attempt_at <= now()
           AND (o.locked_until IS NULL OR o.locked_until < now())
           AND NOT EXISTS (
             SELECT 1 FROM outbox earlier
             WHERE earlier.consumer = o.consumer AND earlier.inquiry_id = o.inquiry_id
               AND earlier.delivered_at IS NULL AND earlier.id < o.id)
         ORDER BY o.id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [consumer.name, this.options.batchSize, this.options.leaseMs],
    ).then(([rows]: [OutboxRow[]]) => rows);
  }

  private async deliver(consumer: EventConsumer, row: OutboxRow): Promise<void> {
    try {
      await consumer.handle(row.payload as unknown as InquiryEvent);
      await this.dataSource.query('UPDATE outbox SET delivered_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1', [row.id]);
    } catch (error) {
      const delay = Math.min(this.options.baseBackoffMs * 2 ** (row.attempts - 1), this.options.maxBackoffMs);
      this.logger.warn(
        { consumer: consumer.name, eventType: row.event_type, outboxId: row.id, attempts: row.attempts, err: error },
        'event delivery failed; will retry',
      );
      await this.dataSource.query(
        `UPDATE outbox SET locked_until = NULL, last_error = $2,
           next_attempt_at = now() + make_interval(secs => $3::float / 1000) WHERE id = $1`,
        [row.id, String(error instanceof Error ? error.message : error).slice(0, 2000), delay],
      );
    }
  }
}
