import type { RunningApp } from '../../src/app.js';
import { eventually } from './app.js';

export interface NoticeJob {
  data: { inquiryId: string; deadline: string; stage: string; dueAt: string };
  next_run_at: Date;
}

/** The planned notices of one inquiry, as stored (issue #16: table `notice_schedule`), ordered by deadline and stage. */
export async function noticeJobsOf(app: RunningApp, inquiryId: string): Promise<NoticeJob[]> {
  const rows: Array<{ inquiry_id: string; deadline: string; stage: string; due_at: Date; run_at: Date }> = await app.dataSource.query(
    `SELECT inquiry_id, deadline, stage, due_at, run_at FROM notice_schedule WHERE inquiry_id = $1 ORDER BY deadline, stage`,
    [inquiryId],
  );
  return rows.map((row) => ({
    data: { inquiryId: row.inquiry_id, deadline: row.deadline, stage: row.stage, dueAt: row.due_at.toISOString() },
    next_run_at: row.run_at,
  }));
}

/** Waits until the scheduler has taken in every deadline change of the inquiry: one still in flight would re-plan it. */
async function planSettled(app: RunningApp, inquiryId: string): Promise<void> {
  await eventually(async () => {
    const [pending] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE inquiry_id = $1 AND consumer = 'scheduler' AND delivered_at IS NULL`,
      [inquiryId],
    );
    expect(pending.n).toBe(0);
  });
}

/**
 * Moves an existing planned notice to `at` (real time, now by default), as if its moment had come, and wakes the
 * sweep then; the domain still reads the injected clock, so set that first.
 */
export async function fireAt(app: RunningApp, inquiryId: string, deadline: string, stage: string, at = new Date()): Promise<void> {
  await planSettled(app, inquiryId);
  const moved = await app.dataSource.query(
    `UPDATE notice_schedule SET run_at = $4, taken_until = NULL WHERE inquiry_id = $1 AND deadline = $2 AND stage = $3 RETURNING 1`,
    [inquiryId, deadline, stage, at],
  );
  if (moved[1] !== 1) throw new Error(`no ${deadline} ${stage} notice planned for ${inquiryId}`);
  await app.scheduler.sweepAt(at);
}

/** Plans a notice again that was already handled (a second run of the same notice), due at once, and wakes the sweep. */
export async function replan(app: RunningApp, notice: { inquiryId: string; deadline: string; stage: string; dueAt: Date }): Promise<void> {
  await app.dataSource.query(
    `INSERT INTO notice_schedule (inquiry_id, deadline, stage, due_at, run_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (inquiry_id, deadline, stage) DO UPDATE SET due_at = EXCLUDED.due_at, run_at = EXCLUDED.run_at, taken_until = NULL`,
    [notice.inquiryId, notice.deadline, notice.stage, notice.dueAt],
  );
  await app.scheduler.sweepAt(new Date());
}

/**
 * Runs the recurring job `name` with the test clock at `at` and waits until agenda has run it: a job reads the clock
 * when it runs, not when it is asked for, so the clock must not move before then.
 */
export async function runJobAt(app: RunningApp, clock: { set(at: string): void }, name: string, at: string): Promise<void> {
  clock.set(at);
  await app.scheduler.now(name);
  await eventually(async () => {
    const [pending] = await app.dataSource.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE name = $1 AND type = 'normal'`, [name]);
    expect(pending.n).toBe(0);
  });
}
