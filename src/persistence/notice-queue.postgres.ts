import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { DEADLINE_KINDS } from '../domain/events.js';
import { NOTICE_STAGES } from '../domain/inquiry.repository.js';
import type { NoticeQueue, PlannedNotice, TakenNotice } from '../domain/notice-queue.js';

/** A row as the sweep takes it: checked, because a hand-edited or half-migrated row must not become a notice. */
const takenRow = z.object({
  institution_id: z.number().int().positive(),
  inquiry_id: z.uuid(),
  deadline: z.enum(DEADLINE_KINDS),
  stage: z.enum(NOTICE_STAGES),
  due_at: z.date(),
  version: z.string(),
  attempts: z.number().int(),
});

/**
 * `NoticeQueue` on the `notice_schedule` table (migration 1763900000020). Each method is one statement. Planning is an
 * institution's own work (row-level security); the sweep's methods reach every institution through the queue's
 * functions (migration 1763900000021).
 */
export class PostgresNoticeQueue implements NoticeQueue {
  constructor(private readonly dataSource: Pick<DataSource, 'query'>) {}

  async plan(inquiryId: string, notices: readonly PlannedNotice[]): Promise<void> {
    // The new plan overwrites the kept rows with a new version (a sweep holding the old one will not settle it) and
    // drops the rest, in one statement: no moment in which the inquiry has no plan, or half of one.
    await this.dataSource.query(
      `WITH planned AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS p(deadline, stage, due_at, run_at)
       ), kept AS (
         INSERT INTO notice_schedule AS s (inquiry_id, deadline, stage, due_at, run_at)
         SELECT $1, deadline, stage, due_at, run_at FROM planned
         ON CONFLICT (inquiry_id, deadline, stage) DO UPDATE
           SET due_at = EXCLUDED.due_at, run_at = EXCLUDED.run_at, version = nextval('notice_schedule_version'),
               attempts = 0, taken_until = NULL
         RETURNING 1
       )
       DELETE FROM notice_schedule s
       WHERE s.inquiry_id = $1 AND NOT EXISTS (SELECT 1 FROM planned p WHERE p.deadline = s.deadline AND p.stage = s.stage)`,
      [
        inquiryId,
        notices.map((notice) => notice.deadline),
        notices.map((notice) => notice.stage),
        notices.map((notice) => notice.dueAt),
        notices.map((notice) => notice.runAt),
      ],
    );
  }

  /** Across institutions (the queue's function, migration 1763900000021); each notice names its institution. */
  async takeDue(limit: number, leaseMs: number): Promise<TakenNotice[]> {
    const rows: unknown[] = await this.dataSource.query('SELECT * FROM langelis_notices_take($1, $2::float)', [limit, leaseMs]);
    return rows.map((row) => {
      const { institution_id: institution, inquiry_id: inquiryId, due_at: dueAt, ...rest } = takenRow.parse(row);
      return { institution, inquiryId, dueAt, ...rest };
    });
  }

  async settle(done: readonly TakenNotice[], deferred: readonly { notice: TakenNotice; at: Date }[]): Promise<void> {
    if (done.length === 0 && deferred.length === 0) return;
    const all = [...done.map((notice) => ({ notice, at: null })), ...deferred];
    // A done notice leaves (run_at null marks it); a deferred one waits, untaken, for its time. Matched on the version
    // taken, so a row the scheduler rewrote meanwhile stays as it now is.
    await this.dataSource.query('SELECT langelis_notices_settle($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[])', [
      all.map(({ notice }) => notice.inquiryId),
      all.map(({ notice }) => notice.deadline),
      all.map(({ notice }) => notice.stage),
      all.map(({ notice }) => notice.version),
      all.map(({ at }) => at),
    ]);
  }

  async instantsBetween(from: Date, until: Date): Promise<Date[]> {
    const rows: Array<{ run_at: Date }> = await this.dataSource.query(
      'SELECT langelis_notice_instants AS run_at FROM langelis_notice_instants($1, $2)',
      [from, until],
    );
    return rows.map((row) => new Date(row.run_at));
  }
}
