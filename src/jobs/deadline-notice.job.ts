import type { Job } from 'agenda';
import { z } from 'zod';
import type { DeadlineNotices } from '../domain/deadline-notices.js';
import { DEADLINE_KINDS } from '../domain/events.js';
import { NOTICE_STAGES } from '../domain/inquiry.repository.js';
import type { Logger } from '../logger.js';

/** R14.reply-1wd: at its time, asks the domain to nudge the owner (reminder), flag the inquiry (overdue) or tell a manager (escalate). */
export const DEADLINE_NOTICE_JOB = 'deadline-notice';

export const deadlineNoticePayload = z.object({
  inquiryId: z.uuid(),
  deadline: z.enum(DEADLINE_KINDS),
  stage: z.enum(NOTICE_STAGES),
  dueAt: z.iso.datetime(),
});
export type DeadlineNoticePayload = z.infer<typeof deadlineNoticePayload>;

/**
 * Idempotent: the domain records each notice once, so a job run twice (a crash after sending, two
 * instances) says nothing the second time. Outside office hours the job moves itself to the next opening.
 */
export function deadlineNoticeHandler(notices: DeadlineNotices, logger: Logger) {
  return async (job: Job<unknown>): Promise<void> => {
    const parsed = deadlineNoticePayload.safeParse(job.attrs.data);
    if (!parsed.success) {
      // A malformed job cannot become valid by retrying; log it and let it finish.
      logger.error({ jobId: String(job.attrs._id), issues: parsed.error.issues }, 'malformed deadline-notice job dropped');
      return;
    }
    const { dueAt, ...request } = parsed.data;
    const result = await notices.notify({ ...request, dueAt: new Date(dueAt) });
    // agenda saves nextRunAt after the handler returns, so this defers the very same job.
    if (result.outcome === 'deferred') job.schedule(result.at);
    logger.info({ inquiryId: request.inquiryId, deadline: request.deadline, stage: request.stage, outcome: result.outcome }, 'deadline notice');
  };
}
