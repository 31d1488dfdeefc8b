import type { RunningApp } from '../../../src/app.js';
import { eventually } from '../../support/app.js';
import { fireAt, noticeJobsOf, type NoticeJob } from '../../support/jobs.js';

/** The scheduler's notice job for one deadline of an inquiry, once the outbox has scheduled it. */
export function noticeJob(app: RunningApp, inquiryId: string, deadline: string, stage: 'reminder' | 'overdue', dueAt?: Date): Promise<NoticeJob> {
  return eventually(async () => {
    const job = (await noticeJobsOf(app, inquiryId)).find(
      (row) => row.data.deadline === deadline && row.data.stage === stage && (!dueAt || row.data.dueAt === dueAt.toISOString()),
    );
    expect(job).toBeDefined();
    return job!;
  });
}

/** Lets a notice job run now (real time), as if its moment had come; the app's ManualClock says what "now" is. */
export function fireNotice(app: RunningApp, job: NoticeJob): Promise<void> {
  return fireAt(app, job.data.inquiryId, job.data.deadline, job.data.stage);
}
