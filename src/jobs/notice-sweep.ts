import type { DeadlineNotices, NoticeOutcome } from '../domain/deadline-notices.js';
import { inInstitution, type InstitutionId } from '../domain/institution.js';
import type { NoticeQueue, TakenNotice } from '../domain/notice-queue.js';
import type { Logger } from '../logger.js';

export interface NoticeSweepOptions {
  /** Notices recorded per transaction. */
  batchSize: number;
  /** How long a taken notice is this instance's; after a crash another instance takes it again once it is over. */
  leaseMs: number;
  /** First retry delay of a notice whose run failed; doubles with each attempt up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_SWEEP_OPTIONS: NoticeSweepOptions = { batchSize: 200, leaseMs: 60_000, baseBackoffMs: 5_000, maxBackoffMs: 10 * 60_000 };

/** When the sweep next needs to run again, for notices it put off or that failed. */
export type WakeAt = (at: Date) => Promise<void>;

/**
 * R14.reply-1wd and the other deadlines (issue #16): takes the due notices batch by batch and asks the domain for
 * each batch in one transaction, until nothing is due. Idempotent like the domain: a notice taken twice (a crash
 * after recording it, a lease that ran out) is a `duplicate` the second time, and says nothing.
 */
export class NoticeSweep {
  /** Notices this instance settled: the scheduler bench reports each instance's share. */
  handled = 0;
  private stopping = false;

  constructor(
    private readonly queue: NoticeQueue,
    private readonly notices: DeadlineNotices,
    private readonly logger: Logger,
    private readonly options: NoticeSweepOptions = DEFAULT_SWEEP_OPTIONS,
  ) {}

  /** Stops after the batch under way (SIGTERM): what is left stays due for the next sweep, here or elsewhere. */
  stop(): void {
    this.stopping = true;
  }

  /**
   * Sweeps until nothing is due. `burst` is called once when the first batch comes full — more is due than one
   * batch — so the engine can ask other instances to sweep too.
   */
  async run(wakeAt: WakeAt, burst: () => Promise<void> = async () => undefined): Promise<void> {
    for (let first = true; !this.stopping; first = false) {
      const batch = await this.queue.takeDue(this.options.batchSize, this.options.leaseMs);
      if (batch.length === 0) return;
      if (first && batch.length === this.options.batchSize) await burst();
      await this.handle(batch, wakeAt);
    }
  }

  /** Asks `wakeAt` for every instant notices fall due in the next `aheadMs` (the engine's horizon, refilled). */
  async wakeAhead(aheadMs: number, wakeAt: WakeAt): Promise<void> {
    const now = Date.now();
    for (const at of await this.queue.instantsBetween(new Date(now), new Date(now + aheadMs))) await wakeAt(at);
  }

  private async handle(taken: TakenNotice[], wakeAt: WakeAt): Promise<void> {
    // Issue #17: the batch may hold several institutions' notices; each institution's are recorded as its own work.
    const groups = new Map<InstitutionId, TakenNotice[]>();
    for (const notice of taken) groups.set(notice.institution, [...(groups.get(notice.institution) ?? []), notice]);
    const batch = [...groups.values()].flat();
    const outcomes = (await Promise.all([...groups].map(([institution, notices]) => inInstitution(institution, () => this.notifyAll(notices))))).flat();
    const done: TakenNotice[] = [];
    const deferred: { notice: TakenNotice; at: Date }[] = [];
    outcomes.forEach((outcome, i) => {
      const notice = batch[i]!;
      if (outcome.outcome === 'deferred') deferred.push({ notice, at: outcome.at });
      else done.push(notice);
      this.logger.debug({ inquiryId: notice.inquiryId, deadline: notice.deadline, stage: notice.stage, outcome: outcome.outcome }, 'deadline notice');
    });
    await this.queue.settle(done, deferred);
    this.handled += done.length;
    for (const at of new Set(deferred.map((entry) => entry.at.getTime()))) await wakeAt(new Date(at));
  }

  private notifyAll(batch: TakenNotice[]): Promise<NoticeOutcome[]> {
    return this.notices.notifyMany(batch).catch(async (error: unknown) => {
      // One notice that fails must not hold back the rest: each is tried alone, and only the failing ones wait.
      this.logger.warn({ err: error, notices: batch.length }, 'a batch of deadline notices failed; trying them one by one');
      return Promise.all(batch.map((notice) => this.notices.notify(notice).catch((failure: unknown) => this.failed(notice, failure))));
    });
  }

  /** A notice that failed on its own waits with a growing delay; its lease keeps it if even that cannot be stored. */
  private failed(notice: TakenNotice, error: unknown): NoticeOutcome {
    const delay = Math.min(this.options.baseBackoffMs * 2 ** (notice.attempts - 1), this.options.maxBackoffMs);
    this.logger.error({ err: error, inquiryId: notice.inquiryId, deadline: notice.deadline, stage: notice.stage, attempts: notice.attempts }, 'deadline notice failed; will retry');
    return { outcome: 'deferred', at: new Date(Date.now() + delay) };
  }
}
