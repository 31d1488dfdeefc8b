import type { DataSource, EntityManager } from 'typeorm';
import type { InquiryEvent } from '../domain/events.js';
import type { EventConsumer, EventDelivery } from '../domain/notifier.js';
import type { EventSink } from '../domain/unit-of-work.js';
import { acrossInstitutions, inInstitution } from '../domain/institution.js';
import type { Logger } from '../logger.js';
import { DeliveredMarks } from './delivered-marks.js';
import type { OutboxRow } from './entities.js';
import type { RegistrationWrites } from './registration-writes.js';

/**
 * Writes one outbox row per interested consumer, in the caller's transaction; the events of an inquiry being
 * registered go with its registration's writes (`registrations`, R15.register).
 */
export class OutboxWriter implements EventSink {
  constructor(
    private readonly db: EntityManager,
    private readonly consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[],
    private readonly registrations: RegistrationWrites | null = null,
  ) {}

  async publishAll(events: readonly InquiryEvent[]): Promise<void> {
    const rows: Array<{ consumer: string; event: InquiryEvent; payload: string }> = [];
    for (const event of events) {
      const targets = this.consumers.filter((consumer) => consumer.accepts(event.type)).map((consumer) => consumer.name);
      if (targets.length === 0) continue;
      const payload = JSON.stringify(event);
      if (this.registrations?.holdsOutbox(event.inquiryId, targets, event.type, payload)) continue;
      rows.push(...targets.map((consumer) => ({ consumer, event, payload })));
    }
    if (rows.length === 0) return;
    // In the events' order, so each inquiry's events keep theirs (the dispatcher delivers by id).
    await this.db.query(
      `INSERT INTO outbox (consumer, inquiry_id, event_type, payload)
       SELECT consumer, inquiry_id, event_type, payload
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS x(consumer, inquiry_id, event_type, payload, n) ORDER BY n`,
      [rows.map((row) => row.consumer), rows.map((row) => row.event.inquiryId), rows.map((row) => row.event.type), rows.map((row) => row.payload)],
    );
  }
}

export interface OutboxDispatcherOptions {
  /** How often to look for due events when nobody wakes the dispatcher. */
  pollMs: number;
  batchSize: number;
  /**
   * How long a taken event is reserved before another instance may retry it. Kept short and renewed every
   * `leaseMs / 3` while the delivery is under way, so the events of an instance that died are taken over
   * within about one lease instead of waiting out a long one.
   */
  leaseMs: number;
  /**
   * Awaited before each delivery: background work stands back while the chat platforms' requests wait for their
   * acks (issue #16), so a burst of clicks is acked before the events it caused are delivered.
   */
  quiet?: () => Promise<void>;
  /** First retry delay; doubles with each failure up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: OutboxDispatcherOptions = {
  pollMs: 500,
  batchSize: 50,
  leaseMs: 15_000,
  baseBackoffMs: 1_000,
  maxBackoffMs: 10 * 60_000,
};

export interface OutboxHealth {
  pending: number;
  failing: number;
  /** Age in whole seconds of the oldest undelivered event; 0 when nothing is pending. */
  oldestPendingSeconds: number;
}


interface Lane {
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  /** Woken while draining: look again at once instead of after the poll interval. */
  again: boolean;
}

/**
 * Delivers outbox events to their consumers at least once, in order per inquiry and consumer, with
 * exponential backoff. Several instances may run on one database: a lease keeps them off each other's rows.
 */
export class OutboxDispatcher {
  /** One lane per consumer, so a platform that hangs (until its call's deadline) holds back only itself. */
  private readonly lanes = new Map<EventConsumer, Lane>();
  private stopped = true;
  /** Rows under delivery here, with the attempt number that fences the lease renewal against a takeover. */
  private readonly held = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;
  /** One per consumer, so a lane's marks never wait behind another lane's statement. */
  private readonly marks = new Map<EventConsumer, DeliveredMarks>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: readonly EventConsumer[],
    private readonly logger: Logger,
    private readonly options: OutboxDispatcherOptions = DEFAULT_DISPATCHER_OPTIONS,
  ) {
    for (const consumer of consumers) this.marks.set(consumer, new DeliveredMarks(dataSource));
  }

  start(): void {
    this.stopped = false;
    this.heartbeat = setInterval(() => this.renewLeases(), Math.max(1, Math.floor(this.options.leaseMs / 3)));
    this.wake();
  }

  /** Looks for work now (after a commit) instead of at the next poll. */
  wake(): void {
    if (this.stopped) return;
    for (const consumer of this.consumers) this.wakeLane(consumer);
  }

  /** Stops taking new work and waits for deliveries under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const lane of this.lanes.values()) if (lane.timer) clearTimeout(lane.timer);
    // Leases are renewed until the deliveries under way have finished, then the heartbeat ends with them.
    await Promise.all([...this.lanes.values()].map((lane) => lane.running));
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    await this.renewing;
  }

  /** Drains one consumer until nothing is due, then polls again after `pollMs` (at once if woken meanwhile). */
  private wakeLane(consumer: EventConsumer): void {
    let lane = this.lanes.get(consumer);
    if (!lane) {
      lane = { timer: null, running: null, again: false };
      this.lanes.set(consumer, lane);
    }
    if (lane.running) {
      lane.again = true;
      return;
    }
    if (lane.timer) clearTimeout(lane.timer);
    const current = lane;
    // Woken from inside an institution's commit, the lane still sweeps every institution's rows (issue #17).
    current.running = acrossInstitutions(() => this.drainConsumer(consumer))
      .catch((error: unknown) => this.logger.error({ err: error, consumer: consumer.name }, 'outbox dispatch failed'))
      .finally(() => {
        current.running = null;
        if (this.stopped) return;
        const delay = current.again ? 0 : this.options.pollMs;
        current.again = false;
        current.timer = setTimeout(() => this.wakeLane(consumer), delay);
      });
  }

  /** Counts across institutions, through the queue's own function (migration 1763900000021): no payload leaves it. */
  async health(): Promise<OutboxHealth> {
    const rows = await this.queueBacklog();
    const oldest = rows.reduce<number | null>((min, row) => (min === null || row.age > min ? row.age : min), null);
    return {
      pending: rows.reduce((sum, row) => sum + row.pending, 0),
      failing: rows.reduce((sum, row) => sum + row.failing, 0),
      oldestPendingSeconds: oldest === null ? 0 : Math.floor(oldest),
    };
  }

  /**
   * For /healthz (its `OutboxBacklog`): the undelivered events and, per consumer with any, how many seconds
   * (fractional) its oldest one has waited.
   */
  async backlog(): Promise<{ pending: number; failing: number; oldestAgeByConsumer: Record<string, number> }> {
    const rows = await this.queueBacklog();
    return {
      pending: rows.reduce((sum, row) => sum + row.pending, 0),
      failing: rows.reduce((sum, row) => sum + row.failing, 0),
      oldestAgeByConsumer: Object.fromEntries(rows.map((row) => [row.consumer, row.age])),
    };
  }

  private queueBacklog(): Promise<Array<{ consumer: string; pending: number; failing: number; age: number }>> {
    return this.dataSource.query('SELECT consumer, pending, failing, age FROM langelis_outbox_backlog()');
  }

  /**
   * Extends the lease of every row still under delivery here. The attempt number fences it: a row another
   * instance took over meanwhile (its attempt is higher) is left alone. A failed renewal (a database blip) is
   * only logged; the delivery goes on and the next beat tries again.
   */
  private renewLeases(): void {
    if (this.held.size === 0 || this.renewing) return;
    const ids = [...this.held.keys()];
    const attempts = ids.map((id) => this.held.get(id)!);
    this.renewing = this.dataSource
      .query('SELECT langelis_outbox_renew($1::bigint[], $2::int[], $3::float)', [ids, attempts, this.options.leaseMs])
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn({ err: error, held: ids.length }, 'outbox lease renewal failed; will retry'),
      )
      .finally(() => {
        this.renewing = null;
      });
  }

  /** Each round takes the oldest undelivered event of each inquiry. */
  private async drainConsumer(consumer: EventConsumer): Promise<void> {
    for (let batch = await this.take(consumer); batch.length > 0 && !this.stopped; batch = await this.take(consumer)) {
      await Promise.all(batch.map((row) => this.deliver(consumer, row)));
    }
  }

  /** Across institutions (the queue's function, migration 1763900000021); each row names its institution. */
  private take(consumer: EventConsumer): Promise<OutboxRow[]> {
    return this.dataSource.query('SELECT * FROM langelis_outbox_take($1, $2, $3::float)', [consumer.name, this.options.batchSize, this.options.leaseMs]);
  }

  private async deliver(consumer: EventConsumer, row: OutboxRow): Promise<void> {
    this.held.set(String(row.id), row.attempts);
    try {
      // Issue #17: the consumer's work (its reads, its writes, whom it tells) is the row's institution's.
      await inInstitution(row.institution_id, () => this.attempt(consumer, row));
    } finally {
      this.held.delete(String(row.id));
    }
  }

  private async attempt(consumer: EventConsumer, row: OutboxRow): Promise<void> {
    const delivery: EventDelivery = { eventId: String(row.id), attempt: row.attempts, createdAt: new Date(row.created_at) };
    await this.options.quiet?.();
    try {
      await consumer.handle(row.payload as unknown as InquiryEvent, delivery);
      await this.marks.get(consumer)!.mark(String(row.id));
    } catch (error) {
      const delay = Math.min(this.options.baseBackoffMs * 2 ** (row.attempts - 1), this.options.maxBackoffMs);
      this.logger.warn(
        { consumer: consumer.name, eventType: row.event_type, outboxId: row.id, attempts: row.attempts, err: error },
        'event delivery failed; will retry',
      );
      await this.dataSource.query('SELECT langelis_outbox_failed($1, $2, $3::float)', [
        row.id,
        String(error instanceof Error ? error.message : error).slice(0, 2000),
        delay,
      ]);
    }
  }
}
