import type { Clock } from './clock.js';
import { requireStaff } from './command-support.js';
import { DomainError, NotAllowedError } from './errors.js';
import type { InquiryKind } from './inquiry.js';
import { personKeyOf } from './person-key.js';
import { anonymiseLocked, retentionEndsAt, type RetentionPeriods, type RetentionScope, type RetentionState } from './retention.js';
import { hasRole } from './staff.js';
import type { SubjectAccessScope } from './subject-access.js';

/** A transaction that reaches both the person's records (who they are) and the retention store (the scrub). */
export type ErasureScope = RetentionScope & SubjectAccessScope;

export interface ErasureUnitOfWork {
  run<T>(work: (scope: ErasureScope) => Promise<T>): Promise<T>;
}

export interface ErasureSettings {
  /** The retention period of each kind (days after closing), as the nightly job counts it. */
  readonly periods: RetentionPeriods;
  /**
   * Kinds the institution must keep whole for their retention period by statute (`RETENTION_DUTY_KINDS`, from the
   * archival retention index): an erasure request does not shorten it.
   */
  readonly dutyKinds: readonly InquiryKind[];
}

/** Why an inquiry of the person was kept: a legal hold, or a duty to keep the record (service running, statute). */
export type ErasureKeptReason = 'legal_hold' | 'retention_duty';

export interface ErasureKept {
  readonly registryNumber: string;
  readonly reason: ErasureKeptReason;
  /** `retention_duty` of a closed inquiry: when its statutory period ends. Null while it is still open (or for a hold). */
  readonly until: Date | null;
}

/** What an erasure did, in registry numbers only: never the person's contact. */
export interface ErasureResult {
  /** How the person was found (`email` or `phone`), never the value. */
  readonly matchedBy: 'email' | 'phone';
  readonly anonymised: readonly string[];
  readonly kept: readonly ErasureKept[];
  /** Found, but anonymised before this request (by the nightly job or an earlier erasure meanwhile). */
  readonly alreadyAnonymised: readonly string[];
}

type Outcome = { done: 'anonymised' } | { done: 'already' } | { done: 'kept'; reason: ErasureKeptReason; until: Date | null };


/**
 * Issue #15 item 3 (GDPR art. 17), R12.records: an admin erases a person's data on request (`erase <e-mail or
 * phone>`). The person's inquiries are the ones an export of them shows (`inquiriesOfPerson`, one matcher), and each
 * is anonymised at once as the nightly job would — one transaction per inquiry, locked, scrubbed, with the
 * `anonymised` event (timeline, chat copies edited, audit line) — without waiting for its retention period. Kept, and
 * listed with the reason: an inquiry under legal hold, one still open (the service to the family is still running),
 * and one of a kind the institution must keep by statute while its period lasts. The request is itself audited.
 */
export class ErasureService {
  constructor(
    private readonly unitOfWork: ErasureUnitOfWork,
    private readonly clock: Clock,
    private readonly settings: ErasureSettings,
  ) {}

  /**
   * Admins only (`STAFF.NOT_ALLOWED`, checked before the contact is read); text that is neither an e-mail nor a
   * phone gives `SUBJECT_ACCESS.CONTACT_INVALID`, as `export` does. Running it again changes nothing more.
   */
  async erase(actorId: string, contact: string): Promise<ErasureResult> {
    const key = personKeyOf(contact);
    const { matchedBy, found } = await this.unitOfWork.run(async (scope) => {
      const actor = await requireStaff(scope, actorId);
      if (!hasRole(actor, 'admin')) throw new NotAllowedError('erase what is stored about a person', 'admin');
      if (!key) throw new DomainError('SUBJECT_ACCESS.CONTACT_INVALID', 'Not an e-mail address or a phone number');
      return { matchedBy: key.kind, found: (await scope.subjectAccess.inquiriesOfPerson(key)).map((inquiry) => inquiry.id) };
    });
    const anonymised: string[] = [];
    const kept: ErasureKept[] = [];
    const alreadyAnonymised: string[] = [];
    for (const inquiryId of found) {
      // One transaction each, like the nightly job: a failure part-way leaves every finished one finished.
      const result = await this.eraseOne(inquiryId, actorId);
      if (!result) continue;
      const { registryNumber, outcome } = result;
      if (outcome.done === 'anonymised') anonymised.push(registryNumber);
      else if (outcome.done === 'already') alreadyAnonymised.push(registryNumber);
      else kept.push({ registryNumber, reason: outcome.reason, until: outcome.until });
    }
    const result: ErasureResult = { matchedBy, anonymised, kept, alreadyAnonymised };
    await this.unitOfWork.run((scope) =>
      scope.audit.record({
        at: this.clock.now(),
        actorId,
        action: 'erasure_requested',
        inquiryId: null,
        registryNumber: null,
        subjectStaffId: null,
        // R12.records: counts and registry numbers only; each anonymised inquiry has its own `anonymised` line.
        details: {
          matchedBy: result.matchedBy,
          inquiries: found.length,
          anonymised: anonymised.length,
          registryNumbers: anonymised.join(' '),
          kept: kept.map((item) => `${item.registryNumber}:${item.reason}`).join(' '),
          alreadyAnonymised: alreadyAnonymised.join(' '),
        },
      }),
    );
    return result;
  }

  /** Decides and, when nothing keeps it, anonymises one inquiry under its row lock; null when it is gone. */
  private eraseOne(inquiryId: string, actorId: string): Promise<{ registryNumber: string; outcome: Outcome } | null> {
    return this.unitOfWork.run(async (scope) => {
      const state = await scope.retention.lock(inquiryId);
      if (!state) return null;
      const now = this.clock.now();
      const outcome = this.decide(state, now);
      // The timeline line, the outbox rows (chat copies edited) and the `anonymised` audit line commit with the scrub.
      if (outcome.done === 'anonymised') await anonymiseLocked(scope, state, actorId, now);
      return { registryNumber: state.registryNumber, outcome };
    });
  }

  /** The retention period is skipped on request; the legal hold and the duties to keep records are not. */
  private decide(state: RetentionState, now: Date): Outcome {
    if (state.anonymisedAt !== null) return { done: 'already' };
    if (state.legalHold) return { done: 'kept', reason: 'legal_hold', until: null };
    // R12.records: the service is still being given; its record is needed (and only a closed record is anonymised).
    if (state.status !== 'closed' || state.closedAt === null) return { done: 'kept', reason: 'retention_duty', until: null };
    const until = retentionEndsAt(state, this.settings.periods);
    if (this.settings.dutyKinds.includes(state.kind) && until !== null && until.getTime() > now.getTime()) return { done: 'kept', reason: 'retention_duty', until };
    return { done: 'anonymised' };
  }
}
