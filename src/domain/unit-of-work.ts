import type { AbsenceRepository } from './absence.js';
import type { AuditRecorder } from './audit.js';
import type { EscalationRepository } from './escalation.js';
import type { InquiryEvent } from './events.js';
import type { ExternalStepRepository } from './external-step.js';
import type { InquiryRepository } from './inquiry.repository.js';
import type { LetterRepository } from './letter.js';
import type { MeetingRepository } from './meeting.js';
import type { StaffRepository } from './staff.repository.js';

/** Writes events to the outbox, to be delivered after the transaction commits. */
export interface EventSink {
  /** Events in order, in one write (issue #16: a batch of deadline notices takes few round trips). */
  publishAll(events: readonly InquiryEvent[]): Promise<void>;
}

/** Repositories bound to one database transaction. */
export interface TransactionScope {
  inquiries: InquiryRepository;
  staff: StaffRepository;
  escalations: EscalationRepository;
  meetings: MeetingRepository;
  externalSteps: ExternalStepRepository;
  letters: LetterRepository;
  /** R4.owner: who is away, and who covers for them. */
  absences: AbsenceRepository;
  /** R12.records: the audit log, written with the change it records (audited events are written by `events` itself). */
  audit: AuditRecorder;
  events: EventSink;
}

/** Runs `work` in one transaction: all its writes and events commit together or not at all. */
export interface UnitOfWork {
  run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T>;
}
