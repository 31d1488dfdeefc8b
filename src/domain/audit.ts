import type { EventOf, InquiryEvent, InquiryEventType } from './events.js';
import type { Period } from './quality/report.js';

/**
 * R12.records: what the audit log records — who looked at a client's data (details, a letter, an attachment), who
 * took it out (an export), who changed an inquiry's hands (claim, handover, escalation), who anonymised it, and who
 * changed a staff member's role or manager. Reading the log out is itself recorded (`audit_exported`).
 */
export const AUDIT_ACTIONS = [
  'details_opened',
  'letter_opened',
  'attachment_opened',
  'exported',
  'claimed',
  'handed_over',
  'escalated',
  'anonymised',
  /** Issue #15: an admin or manager set or cleared the legal hold that keeps an inquiry from being anonymised. */
  'legal_hold_set',
  'staff_role_changed',
  'staff_manager_changed',
  'audit_exported',
  // Issue #15, subject access: an admin asked for everything stored about a person, and each time the link is opened.
  'subject_access_exported',
  // Issue #15, erasure on request: an admin erased a person's data; each inquiry anonymised has its own `anonymised` line.
  'erasure_requested',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Facts about an action that identify nobody: ids, codes, counts, dates. Never a client's name, e-mail, phone or
 * words — the log keeps ids, and the inquiry (or its anonymised remains) says the rest to whoever may see it.
 */
export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

/** One line of the audit log: who (`actorId`, null for the system or a command-line import) did what, when, to what. */
export interface AuditEntry {
  readonly at: Date;
  readonly actorId: string | null;
  readonly action: AuditAction;
  readonly inquiryId: string | null;
  readonly registryNumber: string | null;
  /** The staff member the action was about (the new owner, the manager escalated to, the member whose role changed). */
  readonly subjectStaffId: string | null;
  readonly details: AuditDetails;
}

/** An entry as stored: its place in the log (ascending, never reused). */
export interface StoredAuditEntry extends AuditEntry {
  readonly id: string;
}

/** Appends to the audit log in the caller's transaction: the entry commits with the change it records, or not at all. */
export interface AuditRecorder {
  record(entry: AuditEntry): Promise<void>;
}

/** The audit log (append-only: PostgreSQL itself refuses to change or delete a line). */
export interface AuditLog extends AuditRecorder {
  /** Entries with `period.from` ≤ at < `period.to`, oldest first, read in batches as the caller goes. */
  entries(period: Period): AsyncIterable<StoredAuditEntry>;
}

/** The unit of work's event sink (`EventSink`), named here by its shape: the unit of work's scope refers to this file. */
interface EventPublisher {
  publishAll(events: readonly InquiryEvent[]): Promise<void>;
}

type AuditedFacts = Pick<AuditEntry, 'action' | 'subjectStaffId' | 'details'>;

/**
 * The inquiry events that are audited, and what of each the log keeps (ids and codes only: an escalation's reason and
 * a handover's note stay in the timeline). One table: a new audited event is one line here.
 */
export const AUDITED_EVENTS: { readonly [T in InquiryEventType]?: (event: EventOf<T>) => AuditedFacts } = {
  claimed: (event) => ({ action: 'claimed', subjectStaffId: event.ownerId, details: {} }),
  handed_over: (event) => ({
    action: 'handed_over',
    subjectStaffId: event.toId,
    details: { fromId: event.fromId, ...(event.escalationId ? { escalationId: event.escalationId } : {}) },
  }),
  escalated: (event) => ({
    action: 'escalated',
    subjectStaffId: event.managerId,
    details: { escalationId: event.escalationId, escalationType: event.escalationType },
  }),
  // Issue #15: the nightly job anonymises (actor null); an admin's "run now" leaves their id.
  anonymised: () => ({ action: 'anonymised', subjectStaffId: null, details: {} }),
};

/** The audit entry an event makes, or null when the event is not audited. */
export function auditEntryOf(event: InquiryEvent): AuditEntry | null {
  const facts = (AUDITED_EVENTS[event.type] as ((event: InquiryEvent) => AuditedFacts) | undefined)?.(event);
  if (!facts) return null;
  return { at: new Date(event.at), actorId: event.actorId, inquiryId: event.inquiryId, registryNumber: event.registryNumber, ...facts };
}

/**
 * An event sink that also writes the audit entry of each audited event, in the same transaction as the timeline
 * and the outbox (the unit of work wraps its outbox writer in it). A retried click or a re-delivered event adds no
 * line: the entry is written where the change is, and a command that changes nothing emits nothing.
 */
export function auditingEvents(sink: EventPublisher, log: AuditRecorder): EventPublisher {
  return {
    async publishAll(events: readonly InquiryEvent[]) {
      for (const event of events) {
        const entry = auditEntryOf(event);
        if (entry) await log.record(entry);
      }
      await sink.publishAll(events);
    },
  };
}
