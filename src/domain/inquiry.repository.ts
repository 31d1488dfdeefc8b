import type { Channel, Inquiry } from './inquiry.js';
import type { DeadlineKind } from './events.js';

/** One line of an inquiry's append-only audit trail (R12.records). */
export interface TimelineEntry {
  inquiryId: string;
  at: Date;
  /** Staff member who acted; null for the system or the client. */
  actorId: string | null;
  action: string;
  details: Record<string, unknown>;
}

/** Before the deadline, at it, and some time after it when still missed (to the manager). */
export const NOTICE_STAGES = ['reminder', 'overdue', 'escalate'] as const;
export type NoticeStage = (typeof NOTICE_STAGES)[number];

/**
 * Filters for listing inquiries in chat (App Home, `mine`, `find`). Lists come most pressing first: by the first-reply
 * deadline while the inquiry is unanswered, then by its resolution deadline (`resolutionDue`), then by registry number.
 */
export interface InquiryQuery {
  ownerId?: string;
  unclaimed?: boolean;
  /** Only open inquiries whose first reply or resolution was due before this instant. */
  overdueAt?: Date;
  /** Case-insensitive match in registry number, subject, body or client name. */
  text?: string;
  /** Issue #15 (least privilege): only what this staff member owns, and what nobody owns yet (its card is in the channel). */
  ownOrUnclaimedOf?: string;
  openOnly?: boolean;
  limit: number;
}

/** Raised by `insert` when an inquiry with the same channel and external id is already stored. */
export class DuplicateExternalIdError extends Error {
  constructor(readonly channel: Channel, readonly externalId: string) {
    super(`An inquiry from ${channel} with external id ${externalId} is already registered`);
    this.name = 'DuplicateExternalIdError';
  }
}

/** One deadline notice as recorded (R14.reply-1wd): an inquiry's deadline, the stage, and the due time it was for. */
export interface NoticeKey {
  inquiryId: string;
  deadline: DeadlineKind;
  stage: NoticeStage;
  dueAt: Date;
}

/** Storage of inquiries; every method runs inside the caller's transaction. */
export interface InquiryRepository {
  /**
   * R15.register: stores a new inquiry under the next registry number of `year` (`2026-000124`). The number is
   * taken by the last write before a commit (this transaction's, or that of a batch of registrations arriving at the
   * same time), so the year's counter is locked only for that moment and a rollback leaves no gap. Until then the
   * returned inquiry's `registryNumber` is a stand-in, which that write replaces wherever the transaction used it
   * for this inquiry (its timeline and events, which are not audited): so nothing reads them back before the
   * commit. A re-delivered message fails the commit with DuplicateExternalIdError.
   */
  insertNumbered(draft: Omit<Inquiry, 'registryNumber'>, year: number): Promise<Inquiry>;
  /** Writes the mutable fields of an existing inquiry. */
  update(inquiry: Inquiry): Promise<void>;
  /** Loads an inquiry and locks it until the transaction ends, so commands on it run one at a time. */
  getForUpdate(id: string): Promise<Inquiry | null>;
  /** Loads and locks several at once, in id order (two callers locking overlapping sets cannot deadlock); unknown ids are left out. */
  getManyForUpdate(ids: readonly string[]): Promise<Inquiry[]>;
  findById(id: string): Promise<Inquiry | null>;
  findByRegistryNumber(registryNumber: string): Promise<Inquiry | null>;
  findByExternalId(channel: Channel, externalId: string): Promise<Inquiry | null>;
  list(query: InquiryQuery): Promise<Inquiry[]>;
  /** Timeline entries in order, in one write. */
  appendTimelines(entries: readonly TimelineEntry[]): Promise<void>;
  /** The whole timeline, oldest first. */
  timeline(inquiryId: string): Promise<TimelineEntry[]>;
  /** Records that notices went out, in one statement: for each, false when this very notice was already recorded. */
  recordNotices(notices: readonly NoticeKey[]): Promise<boolean[]>;
}
