import { emitEvent } from './command-support.js';
import type { InquiryKind } from './inquiry.js';
import type { TransactionScope } from './unit-of-work.js';

/**
 * Issue #15 (GDPR storage limitation) and R12.records: how many days after it was closed an inquiry keeps the
 * family's personal data, per kind. The institution sets them from the archival retention index it follows
 * (docs/data-protection.md); the registry number, kind, channel, dates and outcomes are kept for good.
 */
export type RetentionPeriods = Readonly<Record<InquiryKind, number>>;

/** A closed inquiry whose period is over (or will be by a given instant): what the admins' list shows, nothing personal. */
export interface RetentionCandidate {
  readonly id: string;
  readonly registryNumber: string;
  readonly kind: InquiryKind;
  readonly closedAt: Date;
}

/** What the anonymiser needs to know of one inquiry, read under its row lock. */
export interface RetentionState {
  readonly id: string;
  readonly registryNumber: string;
  readonly kind: InquiryKind;
  readonly status: string;
  readonly closedAt: Date | null;
  readonly anonymisedAt: Date | null;
  readonly legalHold: boolean;
}

/** Storage of retention facts and the scrubbing itself; every method runs inside the caller's transaction. */
export interface RetentionRepository {
  /** Closed, not anonymised, not on legal hold, whose period (counted from `closed_at`) ends at or before `by`; oldest first. */
  due(periods: RetentionPeriods, by: Date, limit: number): Promise<RetentionCandidate[]>;
  /** Locks the inquiry's row until the transaction ends and reads its retention state; null when unknown. */
  lock(inquiryId: string): Promise<RetentionState | null>;
  /**
   * R12.records: removes every personal datum of the inquiry (client contacts, texts, notes, attachments, letters,
   * rating comments, the free text of its timeline and outbox) and stamps `anonymised_at`. Keeps the registry number,
   * kind, channel, dates, deadline outcomes, escalation counts and rating scores, so quality figures add up unchanged.
   */
  scrub(inquiryId: string, at: Date): Promise<void>;
  /** Sets or clears the legal hold; false when it already was so. */
  setLegalHold(inquiryId: string, on: boolean): Promise<boolean>;
}

/** A transaction that also reaches the retention store. */
export interface RetentionScope extends TransactionScope {
  retention: RetentionRepository;
}

export interface RetentionUnitOfWork {
  run<T>(work: (scope: RetentionScope) => Promise<T>): Promise<T>;
}

const DAY_MS = 24 * 3_600_000;

/** When a closed inquiry's retention period ends (counted from `closed_at`); null while it is not closed. */
export function retentionEndsAt(state: Pick<RetentionState, 'kind' | 'closedAt'>, periods: RetentionPeriods): Date | null {
  return state.closedAt === null ? null : new Date(state.closedAt.getTime() + periods[state.kind] * DAY_MS);
}

/**
 * The one way an inquiry is anonymised — by the nightly job or on request — in the caller's transaction, under the row
 * lock `state` was read with: the scrub, then the `anonymised` event (timeline line, chat copies edited, audit line).
 */
export async function anonymiseLocked(scope: RetentionScope, state: RetentionState, actorId: string | null, now: Date): Promise<void> {
  await scope.retention.scrub(state.id, now);
  await emitEvent(scope, state, actorId, { type: 'anonymised' }, now);
}

/** Reads outside a transaction: the night-before list. */
export interface RetentionReads {
  due(periods: RetentionPeriods, by: Date, limit: number): Promise<RetentionCandidate[]>;
}

/** Who has been told of a night's anonymisation on a platform: kept so nobody is told twice (like the weekly digest). */
export interface RetentionLedger {
  /** Staff ids told of the night `night` (YYYY-MM-DD in the institution's zone) on `platform`. */
  told(platform: string, night: string): Promise<readonly string[]>;
  markTold(platform: string, night: string, staffId: string): Promise<void>;
}

/**
 * Keys whose values are people's words or names wherever they appear (timeline details, outbox payloads): a note, a
 * reason, a call's summary, a meeting's agenda, an institution's decision, a rating's comment, a contact.
 */
const FREE_TEXT = new Set([
  'note', 'reason', 'plan', 'what', 'decision', 'comment', 'summary', 'institution', 'institutions', 'agenda',
  'participants', 'keyPoints', 'decisions', 'previousKeyPoints', 'whatHappened', 'clientToldWhat', 'text', 'body',
  'subject', 'name', 'email', 'phone', 'address', 'postalAddress', 'filename', 'clientExpectation', 'alternativesOffered',
  'risksExplained', 'nextStep',
]);

/** Strings that identify nobody: ids, instants and dates, registry and letter numbers, lower-case codes. */
const KEPT_STRING = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/,
  /^(S-)?\d{4}-\d{6}$/,
  /^[a-z][a-z_]{0,39}$/,
];

/**
 * R12.records: what of a timeline line's details (or an event as the outbox keeps it) survives anonymisation — ids,
 * codes, dates, numbers and booleans, so the story still says what was done and when; every free text is dropped.
 * Pure; applying it twice changes nothing.
 */
export function anonymisedDetails(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(anonymisedDetails).filter((item) => item !== undefined);
  if (value !== null && typeof value === 'object') {
    const kept: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (FREE_TEXT.has(key)) continue;
      const scrubbed = anonymisedDetails(inner);
      if (scrubbed !== undefined) kept[key] = scrubbed;
    }
    return kept;
  }
  if (typeof value === 'string') return KEPT_STRING.some((pattern) => pattern.test(value)) ? value : undefined;
  return value;
}
