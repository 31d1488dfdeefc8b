import type { RunningApp } from '../../src/app.js';
import { DEADLINE_NOTICE_JOB } from '../../src/jobs/deadline-notice.job.js';
import { eventually } from './app.js';

export interface NoticeJob {
  data: { inquiryId: string; deadline: string; stage: string; dueAt: string };
  next_run_at: Date;
}

/** The agenda notice jobs of one inquiry, as stored, ordered by deadline and stage. */
export function noticeJobsOf(app: RunningApp, inquiryId: string): Promise<NoticeJob[]> {
  return app.dataSource.query(
    `SELECT data, next_run_at FROM agenda_jobs WHERE name = $1 AND data->>'inquiryId' = $2
     ORDER BY data->>'deadline', data->>'stage'`,
    [DEADLINE_NOTICE_JOB, inquiryId],
  );
}

/**
 * Moves an existing notice job to `at` (real time, now by default), as if its moment had come; the domain still
 * reads the injected clock, so set that first. It waits until the scheduler has taken in every deadline change
 * of the inquiry: one still in flight would put the job back to its own time.
 */
export async function fireAt(app: RunningApp, inquiryId: string, deadline: string, stage: string, at = new Date()): Promise<void> {
  await eventually(async () => {
    const [pending] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE inquiry_id = $1 AND consumer = 'scheduler' AND delivered_at IS NULL`,
      [inquiryId],
    );
    expect(pending.n).toBe(0);
  });
  const job = (await noticeJobsOf(app, inquiryId)).find((row) => row.data.deadline === deadline && row.data.stage === stage);
  if (!job) throw new Error(`no ${deadline} ${stage} job for ${inquiryId}`);
  await app.scheduler
    .create(DEADLINE_NOTICE_JOB, job.data)
    .unique({ 'data.inquiryId': inquiryId, 'data.deadline': deadline, 'data.stage': stage })
    .schedule(at)
    .save();
}
