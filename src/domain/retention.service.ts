import { DateTime } from 'luxon';
import type { Clock } from './clock.js';
import { requireStaff } from './command-support.js';
import { InquiryNotFoundError, InvalidTransitionError, NotAllowedError } from './errors.js';
import type { RetentionLinkCheck, RetentionLinkQuery, RetentionLinks } from './retention-link.js';
import { anonymiseLocked, retentionEndsAt, type RetentionCandidate, type RetentionPeriods, type RetentionReads, type RetentionState, type RetentionUnitOfWork } from './retention.js';
import type { ReceivedQuery } from './signed-link.js';
import { hasRole, type StaffMember } from './staff.js';

export interface RetentionSettings {
  readonly periods: RetentionPeriods;
  /** The hour (0–23, the institution's zone) from which the nightly run anonymises what is due. */
  readonly runHour: number;
  readonly zone: string;
}

/** What one run did: the registry numbers anonymised (ids and numbers only, never a name). */
export interface RetentionRun {
  readonly anonymised: readonly string[];
}

/** One run takes this many at a time; a backlog (the first run after years) is worked off batch by batch. */
const BATCH = 100;
const DAY_MS = 24 * 3_600_000;

/**
 * Issue #15 (retention): closed inquiries past their period lose their personal data, one inquiry per transaction,
 * like every command (`changeInquiry`: lock → apply → timeline + outbox); legal hold keeps one from it. R12.records:
 * what stays is the registry number, kind, channel, dates, deadline outcomes, escalation counts and rating scores.
 */
export class RetentionService {
  constructor(
    private readonly unitOfWork: RetentionUnitOfWork,
    private readonly reads: RetentionReads,
    private readonly links: RetentionLinks,
    private readonly clock: Clock,
    private readonly settings: RetentionSettings,
  ) {}

  /** Anonymises every inquiry due now. Idempotent: one anonymised already, on hold or reopened meanwhile is skipped. */
  async anonymiseDue(actorId: string | null = null): Promise<RetentionRun> {
    const anonymised: string[] = [];
    const skipped = new Set<string>();
    for (;;) {
      const due = (await this.reads.due(this.settings.periods, this.clock.now(), BATCH + skipped.size)).filter((item) => !skipped.has(item.id));
      if (due.length === 0) return { anonymised };
      for (const item of due) {
        if (await this.anonymise(item.id, actorId)) anonymised.push(item.registryNumber);
        else skipped.add(item.id);
      }
    }
  }

  /** An admin runs the nightly job at once (`retention run`), to try it; the entries name them. */
  async runNow(actorId: string): Promise<RetentionRun> {
    await this.admin(actorId);
    return this.anonymiseDue(actorId);
  }

  /** One inquiry, in one transaction; false when it is not (or no longer) due. */
  async anonymise(inquiryId: string, actorId: string | null = null): Promise<boolean> {
    return this.unitOfWork.run(async (scope) => {
      const state = await scope.retention.lock(inquiryId);
      const now = this.clock.now();
      if (!state || !this.isDue(state, now)) return false;
      // The timeline line, the outbox rows (chat copies are edited) and the audit entry commit with the scrub.
      await anonymiseLocked(scope, state, actorId, now);
      return true;
    });
  }

  /**
   * Issue #15: a legal hold keeps one inquiry from anonymisation (a dispute, a court, an inspection) until cleared.
   * Admins and managers only; each change is in the audit log. Returns whether anything changed.
   */
  async setLegalHold(actorId: string, reference: string, on: boolean): Promise<{ registryNumber: string; changed: boolean }> {
    return this.unitOfWork.run(async (scope) => {
      const actor = await requireStaff(scope, actorId);
      if (!hasRole(actor, 'admin') && !hasRole(actor, 'manager')) throw new NotAllowedError('set a legal hold', 'admin or manager');
      const inquiry = await scope.inquiries.findByRegistryNumber(reference.trim());
      if (!inquiry) throw new InquiryNotFoundError(reference);
      const state = await scope.retention.lock(inquiry.id);
      // Nothing is left to hold: the inquiry is a closed, anonymised record.
      if (state?.anonymisedAt) throw new InvalidTransitionError(inquiry.registryNumber, 'closed', 'set a legal hold');
      const changed = await scope.retention.setLegalHold(inquiry.id, on);
      if (changed) {
        await scope.audit.record({
          at: this.clock.now(),
          actorId,
          action: 'legal_hold_set',
          inquiryId: inquiry.id,
          registryNumber: inquiry.registryNumber,
          subjectStaffId: null,
          details: { on },
        });
      }
      return { registryNumber: inquiry.registryNumber, changed };
    });
  }

  /** The night the next run belongs to (YYYY-MM-DD in the institution's zone), and the instant it starts. */
  nextNight(now = this.clock.now()): { night: string; runsAt: Date } {
    const local = DateTime.fromJSDate(now, { zone: this.settings.zone });
    let run = local.startOf('day').set({ hour: this.settings.runHour });
    if (run <= local) run = run.plus({ days: 1 });
    return { night: run.toISODate()!, runsAt: run.toJSDate() };
  }

  /** Whether `now` falls in the nightly run's window (four hours from the run hour): outside it the job does nothing. */
  inRunWindow(now = this.clock.now()): boolean {
    const local = DateTime.fromJSDate(now, { zone: this.settings.zone });
    const start = local.startOf('day').set({ hour: this.settings.runHour });
    const since = local.toMillis() - start.toMillis();
    return (since >= 0 && since < 4 * 3_600_000) || (since < 0 && since + DAY_MS < 4 * 3_600_000);
  }

  /** What the run of `night` will anonymise (as things stand now): registry numbers, kinds, closed dates only. */
  async dueOn(night: string): Promise<RetentionCandidate[]> {
    const runsAt = DateTime.fromISO(night, { zone: this.settings.zone }).set({ hour: this.settings.runHour });
    if (!runsAt.isValid) return [];
    return this.reads.due(this.settings.periods, runsAt.toJSDate(), 1_000);
  }

  /** A signed link to the night's list for one admin. */
  listLink(night: string, staffId: string): RetentionLinkQuery {
    return this.links.sign(night, staffId);
  }

  verifyLink(query: ReceivedQuery<RetentionLinkQuery>): RetentionLinkCheck {
    return this.links.verify(query);
  }

  /** The list behind a link, for `staffId` while they are still an active admin (else a coded refusal). */
  async listFor(staffId: string, night: string): Promise<RetentionCandidate[]> {
    await this.admin(staffId);
    return this.dueOn(night);
  }

  private isDue(state: RetentionState, now: Date): boolean {
    if (state.anonymisedAt !== null || state.legalHold || state.status !== 'closed') return false;
    const ends = retentionEndsAt(state, this.settings.periods);
    return ends !== null && ends.getTime() <= now.getTime();
  }

  private async admin(staffId: string): Promise<StaffMember> {
    return this.unitOfWork.run(async (scope) => {
      const actor = await requireStaff(scope, staffId);
      if (!hasRole(actor, 'admin')) throw new NotAllowedError('anonymise inquiries', 'admin');
      return actor;
    });
  }
}
