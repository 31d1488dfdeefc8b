import type { AttachmentSummary } from './attachment.js';
import type { ClientMessage, OutgoingEmail } from './client-message.js';
import type { Inquiry } from './inquiry.js';
import type { PersonKey } from './person-key.js';
import type { RatingRequest } from './rating.js';
import type { TransactionScope } from './unit-of-work.js';

/**
 * An admin's request for everything stored about one person (issue #15, subject access). Stored, so the link names
 * it by id and never carries the person's contact; `requestedBy` is the one admin its link opens for.
 */
export interface SubjectAccessRequest {
  id: string;
  key: PersonKey;
  requestedBy: string;
  requestedAt: Date;
}

/** A file the client sent, as an export lists it: when it came, its name and size; never its content. */
export interface AttachmentRecord extends AttachmentSummary {
  receivedAt: Date | null;
}

/**
 * Port: what is stored about a person, read in the caller's transaction. The matcher (`inquiriesOfPerson`) is shared
 * with erasure: whatever an export shows is exactly what an erasure of the same person anonymises.
 */
export interface SubjectAccessRepository {
  /** The inquiries whose client is the person (`isPerson` decides every candidate), oldest first. */
  inquiriesOfPerson(key: PersonKey): Promise<Inquiry[]>;
  /** The client's later messages in the inquiry's conversation, oldest first. */
  clientMessages(inquiryId: string): Promise<ClientMessage[]>;
  /** E-mails written to the client, oldest first, whatever their delivery status. */
  outgoingEmails(inquiryId: string): Promise<OutgoingEmail[]>;
  /** The files the client sent: names and sizes only (the content is never read for an export). */
  attachments(inquiryId: string): Promise<AttachmentRecord[]>;
  /** Rating requests and answers, oldest first. */
  ratings(inquiryId: string): Promise<RatingRequest[]>;
  /**
   * The names of clients of inquiries other than `own` that occur in `text` (case-insensitive): another family's
   * name quoted in this person's records is masked in the export.
   */
  otherClientNamesIn(text: string, own: readonly string[]): Promise<string[]>;
  saveRequest(request: SubjectAccessRequest): Promise<void>;
  findRequest(id: string): Promise<SubjectAccessRequest | null>;
  /** Removes the requests made before `at`; answers how many. */
  forgetRequestsBefore(at: Date): Promise<number>;
}

/** The core scope (staff, letters through their cipher, meetings, timeline, audit) plus the person's records. */
export interface SubjectAccessScope extends TransactionScope {
  subjectAccess: SubjectAccessRepository;
}

export interface SubjectAccessUnitOfWork {
  run<T>(work: (scope: SubjectAccessScope) => Promise<T>): Promise<T>;
}

/** A staff member as an export names them: they act for the institution, so name and position stay. */
export interface StaffRef {
  name: string;
  position: string | null;
}

/** One inquiry and everything stored with it, other people's personal data masked. Instants are ISO 8601. */
export interface ExportedInquiry {
  registryNumber: string;
  kind: Inquiry['kind'];
  channel: Inquiry['channel'];
  status: Inquiry['status'];
  receivedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  client: { name: string; email: string | null; phone: string | null; postalAddress: string | null; language: string };
  owner: StaffRef | null;
  subject: string;
  body: string;
  messages: Array<{ receivedAt: string; from: string | null; subject: string; body: string }>;
  calls: Array<{
    at: string;
    by: StaffRef | null;
    outcome: string;
    summary: string;
    clientExpectation: string;
    alternativesOffered: string;
    risksExplained: string;
    nextStep: string;
  }>;
  meetings: Array<{
    startsAt: string;
    format: string;
    status: string;
    chair: StaffRef | null;
    recorder: StaffRef | null;
    participants: string[];
    agenda: string;
    decisions: string | null;
    keyPoints: string | null;
    heldAt: string | null;
    summarySentAt: string | null;
  }>;
  letters: Array<{ outgoingNumber: string; createdAt: string; language: string; author: StaffRef | null; body: string }>;
  emails: Array<{ createdAt: string; sentAt: string | null; status: string; purpose: string; to: string; subject: string; body: string }>;
  attachments: Array<{ receivedAt: string | null; filename: string; contentType: string; sizeBytes: number; stored: boolean }>;
  ratings: Array<{ requestedAt: string; channel: string; status: string; answeredAt: string | null; score: number | null; comment: string | null }>;
}

/** Everything stored about one person: the JSON file as downloaded, and what the page shows. */
export interface SubjectAccessExport {
  /** `langelis-subject-access-v1`: what a reader of the file is looking at. */
  format: 'langelis-subject-access-v1';
  generatedAt: string;
  /** The request's id (the audit log names the same). */
  requestId: string;
  /** How the person was found: `email` or `phone`, and the value the admin typed, normalised. */
  matchedBy: PersonKey;
  /** What is masked, in words: staff stay named (they act for the institution), other people do not. */
  masked: string;
  inquiries: ExportedInquiry[];
}
