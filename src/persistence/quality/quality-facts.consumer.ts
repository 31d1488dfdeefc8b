import type { DataSource, EntityManager } from 'typeorm';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar.js';
import type { InquiryEvent, InquiryEventType } from '../../domain/events.js';
import type { EventConsumer } from '../../domain/notifier.js';
import { factOf, isQualityEvent, markChangeOf, type InquiryState, type MarkChange } from '../../domain/quality/facts.js';
import type { Channel, InquiryKind } from '../../domain/inquiry.js';

interface StateRow {
  id: string;
  registry_number: string;
  channel: Channel;
  kind: InquiryKind;
  owner_id: string | null;
  received_at: Date;
  first_reply_due: Date;
  first_reply_at: Date | null;
  promised_by: Date | null;
  statutory_due: Date | null;
  resolved_at: Date | null;
}

/**
 * R60.internal: keeps the quality facts (src/domain/quality/facts.ts) from the outbox. Idempotent, as delivery is at
 * least once: the inquiry's state is read again and overwritten (a repeat writes the same), and a mark is inserted
 * under its event's natural key (a repeat finds it). The reading is the inquiry's current state, so events that come
 * late or twice never leave an older one behind.
 */
export class QualityFactsConsumer implements EventConsumer {
  readonly name = 'quality';

  constructor(
    private readonly dataSource: DataSource,
    /** The working calendar of the institution whose event it is (issue #17). */
    private readonly calendar: () => WorkingCalendar,
  ) {}

  accepts(type: InquiryEventType): boolean {
    return isQualityEvent(type);
  }

  async handle(event: InquiryEvent): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      if (!(await this.refresh(db, event.inquiryId))) return;
      const change = markChangeOf(event);
      if (change) await applyMark(db, event.inquiryId, change);
    });
  }

  /** Writes the inquiry's state; false when there is no such inquiry (nothing to count). */
  private async refresh(db: EntityManager, inquiryId: string): Promise<boolean> {
    const [row]: StateRow[] = await db.query(
      `SELECT id, registry_number, channel, kind, owner_id, received_at, first_reply_due, first_reply_at, promised_by,
         statutory_due, resolved_at
       FROM inquiries WHERE id = $1`,
      [inquiryId],
    );
    if (!row) return false;
    const fact = factOf(stateOf(row), this.calendar());
    await db.query(
      `INSERT INTO quality_facts AS f (inquiry_id, registry_number, channel, kind, owner_id, received_at, first_reply_due,
         first_reply_at, first_reply_office_minutes, resolution_due, resolved_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (inquiry_id) DO UPDATE SET registry_number = EXCLUDED.registry_number, channel = EXCLUDED.channel,
         kind = EXCLUDED.kind, owner_id = EXCLUDED.owner_id, received_at = EXCLUDED.received_at,
         first_reply_due = EXCLUDED.first_reply_due, first_reply_at = EXCLUDED.first_reply_at,
         first_reply_office_minutes = EXCLUDED.first_reply_office_minutes, resolution_due = EXCLUDED.resolution_due,
         resolved_at = EXCLUDED.resolved_at`,
      [
        fact.inquiryId,
        fact.registryNumber,
        fact.channel,
        fact.kind,
        fact.ownerId,
        fact.receivedAt,
        fact.firstReplyDue,
        fact.firstReplyAt,
        fact.firstReplyOfficeMinutes,
        fact.resolutionDue,
        fact.resolvedAt,
      ],
    );
    return true;
  }
}

async function applyMark(db: EntityManager, inquiryId: string, change: MarkChange): Promise<void> {
  if (change.op === 'mark') {
    // A meeting minuted again moves its summary's due time; every other mark is the same event again.
    await db.query(
      `INSERT INTO quality_marks (inquiry_id, kind, key, at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (inquiry_id, kind, key) DO UPDATE SET at = EXCLUDED.at`,
      [inquiryId, change.kind, change.key, change.at],
    );
    return;
  }
  await db.query(
    'UPDATE quality_marks SET met_at = $4 WHERE inquiry_id = $1 AND kind = $2 AND key = $3 AND met_at IS NULL',
    [inquiryId, change.kind, change.key, change.at],
  );
}

function stateOf(row: StateRow): InquiryState {
  return {
    id: row.id,
    registryNumber: row.registry_number,
    channel: row.channel,
    kind: row.kind,
    ownerId: row.owner_id,
    receivedAt: row.received_at,
    firstReplyDue: row.first_reply_due,
    firstReplyAt: row.first_reply_at,
    promisedBy: row.promised_by,
    statutoryDue: row.statutory_due,
    resolvedAt: row.resolved_at,
  };
}
