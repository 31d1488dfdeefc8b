import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Channel } from '../domain/inquiry.js';
import { DuplicateExternalIdError, type TimelineEntry } from '../domain/inquiry.repository.js';
import type { InquiryRow } from './entities.js';
import { isUniqueViolation } from './postgres-errors.js';

/** A new inquiry waiting for its registry number, with its timeline and outbox rows. */
export interface Registration {
  row: InquiryRow;
  year: number;
  /** The domain's inquiry, whose `registryNumber` gets the number once it is taken. */
  numbered: { registryNumber: string };
  timeline: TimelineEntry[];
  outbox: Array<{ consumer: string; eventType: string; payload: string }>;
}

/**
 * R15.register: what one transaction registers, held back until the unit of work writes it with its number
 * (`writeRegistrations`), as the last statement before a commit.
 */
export class RegistrationWrites {
  private pending: Registration | null = null;
  private ended: () => void = () => undefined;

  /**
   * `underWay` counts the registration from the moment it is held until `settled`, so others under way at the
   * same time know to join it in a batch (`RegistrationBatches.underWay`).
   */
  constructor(private readonly underWay: () => () => void) {}

  /**
   * Holds the inquiry back; until it is written its `registryNumber` is a stand-in, unique to it, which the write
   * replaces in the row and in the events' payloads.
   */
  hold(row: InquiryRow, year: number, numbered: { registryNumber: string }): void {
    if (this.pending) throw new Error('one registration per transaction');
    numbered.registryNumber = `pending-${randomUUID()}`;
    this.pending = { row, year, numbered, timeline: [], outbox: [] };
    this.ended = this.underWay();
  }

  /** True when `entry` belongs to the held inquiry and was kept for its write. */
  holdsTimeline(entry: TimelineEntry): boolean {
    if (this.pending?.row.id !== entry.inquiryId) return false;
    this.pending.timeline.push(entry);
    return true;
  }

  /** True when the event belongs to the held inquiry and its outbox rows were kept for its write. */
  holdsOutbox(inquiryId: string, consumers: readonly string[], eventType: string, payload: string): boolean {
    if (this.pending?.row.id !== inquiryId) return false;
    for (const consumer of consumers) this.pending.outbox.push({ consumer, eventType, payload });
    return true;
  }

  /** The held registration, handed over to be written. */
  take(): Registration | null {
    const pending = this.pending;
    this.pending = null;
    return pending;
  }

  /** The unit of work is over: its registration, if any, is committed or failed. */
  settled(): void {
    this.ended();
  }
}

/**
 * R15.register: writes registrations of one year in one statement that also takes their numbers, consecutive in
 * the given order. The year's counter row stays locked from this statement to the commit: that lock is what keeps
 * numbers gapless (a rollback undoes the count with the rows), so it must be the transaction's last statement.
 * A re-delivered message fails the statement; alone, with DuplicateExternalIdError.
 */
export async function writeRegistrations(db: Pick<EntityManager, 'query'>, registrations: readonly Registration[]): Promise<void> {
  const [first] = registrations;
  if (!first) return;
  if (registrations.some((registration) => registration.year !== first.year)) throw new Error('registrations of one year at a time');
  const names = Object.keys(first.row).filter((name) => name !== 'registry_number');
  const timeline = registrations.flatMap((registration) => registration.timeline);
  const outbox = registrations.flatMap((registration) => registration.outbox.map((row) => ({ ...row, inquiryId: registration.row.id })));
  const params = [
    first.year,
    registrations.length,
    JSON.stringify(registrations.map((registration) => registration.row)),
    timeline.map((entry) => entry.inquiryId),
    timeline.map((entry) => entry.at),
    timeline.map((entry) => entry.actorId),
    timeline.map((entry) => entry.action),
    timeline.map((entry) => JSON.stringify(entry.details)),
    outbox.map((row) => row.inquiryId),
    outbox.map((row) => row.consumer),
    outbox.map((row) => row.eventType),
    outbox.map((row) => row.payload),
  ];
  const number = `(counter.before + r.ordinality)::text`;
  const sql = `
    WITH counter AS (
      INSERT INTO registry_counters (year, last_number) VALUES ($1, $2)
      ON CONFLICT (institution_id, year) DO UPDATE SET last_number = registry_counters.last_number + $2
      RETURNING last_number - $2 AS before
    ), inquiry AS (
      INSERT INTO inquiries (registry_number, ${names.join(', ')})
      SELECT $1::int::text || '-' || lpad(${number}, greatest(6, length(${number})), '0'), ${names.map((name) => `r.${name}`).join(', ')}
      FROM counter, json_populate_recordset(NULL::inquiries, $3::json) WITH ORDINALITY AS r
      ORDER BY r.ordinality
      RETURNING id, registry_number
    ), timeline AS (
      INSERT INTO inquiry_timeline (inquiry_id, at, actor_id, action, details)
      SELECT t.inquiry_id, t.at, t.actor_id, t.action, t.details
      FROM unnest($4::uuid[], $5::timestamptz[], $6::uuid[], $7::text[], $8::jsonb[]) WITH ORDINALITY AS t(inquiry_id, at, actor_id, action, details, n)
      JOIN inquiry ON inquiry.id = t.inquiry_id
      ORDER BY t.n
    ), outbox AS (
      INSERT INTO outbox (consumer, inquiry_id, event_type, payload)
      SELECT o.consumer, o.inquiry_id, o.event_type, jsonb_set(o.payload, '{registryNumber}', to_jsonb(inquiry.registry_number))
      FROM unnest($9::uuid[], $10::text[], $11::text[], $12::jsonb[]) WITH ORDINALITY AS o(inquiry_id, consumer, event_type, payload, n)
      JOIN inquiry ON inquiry.id = o.inquiry_id
      ORDER BY o.n
    )
    SELECT id, registry_number FROM inquiry`;
  let rows: Array<{ id: string; registry_number: string }>;
  try {
    rows = await db.query(sql, params);
  } catch (error) {
    const { row } = first;
    if (registrations.length === 1 && isUniqueViolation(error, 'inquiries_channel_external_id_key') && row.external_id !== null) {
      throw new DuplicateExternalIdError(row.channel as Channel, row.external_id);
    }
    throw error;
  }
  const numbers = new Map(rows.map((row) => [row.id, row.registry_number]));
  for (const registration of registrations) registration.numbered.registryNumber = numbers.get(registration.row.id)!;
}
