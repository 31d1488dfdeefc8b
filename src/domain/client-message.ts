import { DomainError } from './errors.js';
import type { StaffMember } from './staff.js';

/** Why an e-mail goes to the client; each has its template (src/mail/templates). */
export const CLIENT_EMAIL_PURPOSES = ['reply', 'acknowledgement', 'holding_reply', 'call_summary', 'status', 'meeting_summary', 'rating'] as const;
export type ClientEmailPurpose = (typeof CLIENT_EMAIL_PURPOSES)[number];

/** An e-mail to a client as stored before and after sending (R12.records). */
export interface OutgoingEmail {
  id: string;
  inquiryId: string;
  purpose: ClientEmailPurpose;
  /** Makes an e-mail triggered by an event idempotent under redelivery; null for a reply typed by the owner. */
  dedupeKey: string | null;
  senderId: string;
  to: { name: string; address: string };
  subject: string;
  body: string;
  language: 'lt' | 'en';
  /** Our Message-ID, fixed at composition so a retried send is the same message to the client. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** A later message from the client in an existing conversation (R4.owner, R22). */
export interface ClientMessage {
  id: string;
  inquiryId: string;
  messageId: string;
  fromAddress: string | null;
  subject: string;
  body: string;
  receivedAt: Date;
}

/** A file the client sent; kept unless it breaks the size limits, and its arrival is recorded either way. */
export interface IncomingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export type AttachmentDisposition = 'stored' | 'too_large';

/** What a template fills in; only facts meant for the client ever reach it (R35.no-internal). */
export interface TemplateData {
  registryNumber: string;
  clientName: string;
  subject: string;
  institution: string;
  /** Owner's own words (reply) or the agreed call summary. */
  text?: string;
  /** Preformatted in the client's language and the institution's time zone. */
  replyDue?: string;
  promisedBy?: string;
  nextStep?: string;
  nextStepDue?: string;
  /** `resolved` (R19 at the end) or an intermediate result or decision in `text` (R19.status). */
  status?: 'resolved' | 'update';
  /** R48: when the meeting being summarised took place. */
  meetingDate?: string;
  /** R60.external: the five one-click score links, for scores 1 to 5 in that order, and until when they work. */
  ratingLinks?: readonly string[];
  ratingExpires?: string;
}

/** Texts the owner edits before sending, offered by the bot (R31.callback: after a failed retry). */
export type DraftKind = 'missed_call';

/** The sender's details printed under every e-mail (R36.signature). */
export interface Signature {
  position: string;
  firstName: string;
  surname: string;
  phone: string;
  institution: string;
}

/** Port: the wording of client e-mails in each language (R33.language). */
export interface ClientMailTemplates {
  /** Subject (without the registry-number prefix) and body (without the signature). */
  render(purpose: ClientEmailPurpose, language: 'lt' | 'en', data: TemplateData): { subject: string; body: string };
  signature(language: 'lt' | 'en', signature: Signature): string;
  /** A ready draft in the client's language; the signature is added when it is sent. */
  draft(kind: DraftKind, language: 'lt' | 'en', data: TemplateData): string;
  /** A date and time as the client reads it. */
  formatDate(at: Date, language: 'lt' | 'en'): string;
}

/** Storage of the client's conversation; every method runs inside the caller's transaction. */
export interface ClientMailRepository {
  /** The inquiry a conversation belongs to: any of `messageIds` known as ours, the client's, or an inquiry's first message. */
  findInquiryByMessageIds(messageIds: string[]): Promise<string | null>;
  /** Message-IDs of the conversation after its first message, oldest first. */
  threadIds(inquiryId: string): Promise<Array<{ messageId: string; direction: 'in' | 'out' }>>;
  addThreadId(inquiryId: string, messageId: string, direction: 'in' | 'out'): Promise<void>;
  /** Whether we sent a message with this Message-ID (a copy of our own e-mail in the intake mailbox). */
  isOutgoing(messageId: string): Promise<boolean>;
  /** False when this message was stored before (a redelivery). */
  insertClientMessage(message: ClientMessage): Promise<boolean>;
  /** Stores attachments not stored before; returns how each one was kept. */
  insertAttachments(
    inquiryId: string,
    messageId: string,
    attachments: Array<IncomingAttachment & { disposition: AttachmentDisposition }>,
  ): Promise<void>;
  /** False when an e-mail with the same dedupe key exists. */
  insertEmail(email: OutgoingEmail): Promise<boolean>;
  getEmailForUpdate(id: string): Promise<OutgoingEmail | null>;
  updateEmail(email: OutgoingEmail): Promise<void>;
  emailsOf(inquiryId: string): Promise<OutgoingEmail[]>;
}

/** A client's language as a template language: Lithuanian by default, English for any other preference (R33.language). */
export function mailLanguage(tag: string): 'lt' | 'en' {
  return tag.toLowerCase().startsWith('lt') ? 'lt' : 'en';
}

/** R36.signature: nothing is sent under a name without position, first name, surname and phone. */
export function requireSignature(sender: StaffMember, institution: string): Signature {
  const missing = (['position', 'firstName', 'surname', 'phone'] as const).filter((field) => !sender[field]?.trim());
  if (missing.length > 0) {
    throw new DomainError('MAIL.SIGNATURE_INCOMPLETE', 'Complete your profile (position, name, phone) before e-mailing clients', {
      missing: missing.join(', '),
      staffId: sender.id,
    });
  }
  return { position: sender.position!, firstName: sender.firstName, surname: sender.surname, phone: sender.phone!, institution };
}

/** The registry number in the subject lets a reply find its inquiry even without threading headers. */
export function subjectWithNumber(registryNumber: string, subject: string): string {
  const tag = `[${registryNumber}]`;
  return subject.includes(tag) ? subject : `${tag} ${subject}`;
}

const REGISTRY_TAG = /\[(\d{4}-\d{6})\]/;

export function registryNumberInSubject(subject: string): string | null {
  return REGISTRY_TAG.exec(subject)?.[1] ?? null;
}
