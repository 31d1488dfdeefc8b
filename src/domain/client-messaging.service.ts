import { randomUUID } from 'node:crypto';
import {
  registryNumberInSubject,
  requireSignature,
  type AttachmentDisposition,
  type ClientMessage,
  type ClientMailTemplates,
  type IncomingAttachment,
  type OutgoingEmail,
} from './client-message.js';
import { routedTo } from './absence.js';
import type { Clock } from './clock.js';
import { answerFirst, changeInquiry, emitEvent, ownerCommand, requireStaff, type EventBody } from './command-support.js';
import type { ClientEmailComposer } from './client-email-composer.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { DomainError, InquiryNotFoundError } from './errors.js';
import type { InquiryEvent } from './events.js';
import { planFor } from './client-mail-plan.js';
import type { Inquiry } from './inquiry.js';
import type { StaffMember } from './staff.js';
import type { TransactionScope } from './unit-of-work.js';
import type { MessagingScope, MessagingUnitOfWork } from './messaging-unit-of-work.js';
import { toStorableText } from './storable-text.js';
import { TEXT_LIMITS } from './validation.js';

export interface ClientMessagingOptions {
  /** False without an SMTP server: replies are refused instead of queued for nobody. */
  enabled: boolean;
  institution: string;
  /** E-mail of the staff member whose signature acknowledgements carry; null → no acknowledgements. */
  acknowledgementSigner: string | null;
  maxAttachmentBytes: number;
  maxMessageAttachmentBytes: number;
}

/** A client's follow-up as the intake hands it over, before it is stored. */
export type IncomingClientMessage = Omit<ClientMessage, 'id'>;

/**
 * The client's side of an inquiry: e-mails composed for the client (R14, R19, R33, R35, R36) and
 * the client's follow-up messages (R4.owner, R22). Sending itself happens in the mailer consumer.
 */
export class ClientMessagingService {
  constructor(
    private readonly unitOfWork: MessagingUnitOfWork,
    private readonly templates: ClientMailTemplates,
    private readonly composer: ClientEmailComposer,
    private readonly policy: DeadlinePolicy,
    private readonly clock: Clock,
    private readonly options: ClientMessagingOptions,
  ) {}

  /**
   * The owner's reply by e-mail ("Reply by e-mail" in chat). Refused with a coded error and nothing queued
   * when the sender's signature is incomplete (R36.signature). It counts as the first reply (R14.reply-1wd).
   */
  async replyToClient(inquiryId: string, staffId: string, text: string): Promise<OutgoingEmail> {
    const body = text.trim();
    if (body === '' || body.length > TEXT_LIMITS.reply) {
      throw new DomainError('INPUT.INVALID', 'The reply must have between 1 and 50000 characters', { fields: [{ path: 'text', message: 'length' }] });
    }
    this.assertEnabled();
    let email: OutgoingEmail | null = null;
    await changeInquiry({ unitOfWork: this.unitOfWork, policy: this.policy, clock: this.clock }, inquiryId, staffId, ownerCommand('first_reply', async (scope, inquiry, actor, now) => {
      email = await this.composer.compose(scope, inquiry, actor, 'reply', { text: body }, null);
      return answerFirst(inquiry, now);
    }));
    return email!;
  }

  /** Fails fast, before any form is filled, when the sender could not sign an e-mail (R36.signature). */
  async assertCanSign(staffId: string): Promise<void> {
    this.assertEnabled();
    const member = await this.unitOfWork.run((scope) => requireStaff(scope, staffId));
    requireSignature(member, this.options.institution);
  }

  /** Templated e-mails the procedure sends on an event; idempotent under redelivery. */
  async queueForEvent(event: InquiryEvent): Promise<void> {
    if (!this.options.enabled) return;
    const plan = planFor(event, this.templates);
    if (!plan) return;
    await this.unitOfWork.run(async (scope) => {
      const inquiry = await scope.inquiries.findById(event.inquiryId);
      if (!inquiry?.client.email) return;
      const signerId = plan.signer === 'acknowledgement' ? (await this.acknowledgementSigner(scope))?.id : plan.signer;
      if (!signerId) return;
      const signer = await requireStaff(scope, signerId);
      const dedupeKey = `${event.type}:${event.inquiryId}:${event.at}`;
      try {
        await this.composer.compose(scope, inquiry, signer, plan.purpose, plan.data(inquiry), dedupeKey);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'MAIL.SIGNATURE_INCOMPLETE') throw error;
        // Nothing goes out unsigned; the sender learns why their e-mail did not leave.
        await this.emit(scope, inquiry, null, { type: 'email_failed', emailId: null, purpose: plan.purpose, reason: error.code, recipientId: signer.id });
      }
    });
  }

  /** The inquiry a client's e-mail continues: by threading headers, else by `[2026-000123]` in the subject. */
  findConversation(messageIds: string[], subject: string): Promise<string | null> {
    return this.unitOfWork.run(async (scope) => {
      const byHeaders = messageIds.length > 0 ? await scope.mail.findInquiryByMessageIds(messageIds) : null;
      if (byHeaders) return byHeaders;
      const number = registryNumberInSubject(subject);
      return number ? ((await scope.inquiries.findByRegistryNumber(number))?.id ?? null) : null;
    });
  }

  /** True for a copy of an e-mail we sent (a Bcc or a server that files sent mail in the inbox). */
  isOwnMessage(messageId: string): Promise<boolean> {
    return this.unitOfWork.run((scope) => scope.mail.isOutgoing(messageId));
  }

  /** Appends a client's follow-up to the inquiry and tells its owner; false for a redelivered message. */
  receiveClientMessage(incoming: IncomingClientMessage): Promise<boolean> {
    // The client's words are stored as sent, minus what PostgreSQL cannot hold (see storable-text.ts).
    const message = { ...incoming, messageId: toStorableText(incoming.messageId), subject: toStorableText(incoming.subject), body: toStorableText(incoming.body) };
    return this.unitOfWork.run(async (scope) => {
      const inquiry = await scope.inquiries.getForUpdate(message.inquiryId);
      if (!inquiry) throw new InquiryNotFoundError(message.inquiryId);
      const id = randomUUID();
      if (!(await scope.mail.insertClientMessage({ id, ...message }))) return false;
      await scope.mail.addThreadId(inquiry.id, message.messageId, 'in');
      // R4.owner: while the owner is away, the substitute covering for them is told.
      const routed = await routedTo(scope, inquiry.ownerId, this.clock.now());
      await this.emit(scope, inquiry, null, { type: 'client_message_received', clientMessageId: id, ownerId: inquiry.ownerId, ...routed });
      return true;
    });
  }

  /** R12.records: every file is recorded; content beyond the size limits is not kept. */
  async storeAttachments(inquiryId: string, messageId: string, attachments: IncomingAttachment[]): Promise<void> {
    if (attachments.length === 0) return;
    let total = 0;
    const kept = attachments.map((attachment) => {
      const size = attachment.content.length;
      const fits = size <= this.options.maxAttachmentBytes && total + size <= this.options.maxMessageAttachmentBytes;
      if (fits) total += size;
      const names = { filename: toStorableText(attachment.filename), contentType: toStorableText(attachment.contentType) };
      return { ...attachment, ...names, disposition: (fits ? 'stored' : 'too_large') as AttachmentDisposition };
    });
    await this.unitOfWork.run((scope) => scope.mail.insertAttachments(inquiryId, toStorableText(messageId), kept));
  }

  /** The e-mail to send for an `email_requested` event, or null when it was sent or given up already. */
  pendingEmail(emailId: string): Promise<OutgoingEmail | null> {
    return this.unitOfWork.run(async (scope) => {
      const email = await scope.mail.getEmailForUpdate(emailId);
      return email?.status === 'pending' ? email : null;
    });
  }

  recordSent(emailId: string): Promise<void> {
    return this.unitOfWork.run(async (scope) => {
      const email = await scope.mail.getEmailForUpdate(emailId);
      if (!email || email.status === 'sent') return;
      email.status = 'sent';
      email.attempts += 1;
      email.sentAt = this.clock.now();
      email.lastError = null;
      await scope.mail.updateEmail(email);
      const inquiry = await scope.inquiries.findById(email.inquiryId);
      await this.emit(scope, inquiry!, email.senderId, { type: 'email_sent', emailId, purpose: email.purpose });
    });
  }

  /** Counts a failed attempt; the sender hears of the first failure and of giving up, not of every retry. */
  recordFailure(emailId: string, reason: string, permanent: boolean): Promise<void> {
    return this.unitOfWork.run(async (scope) => {
      const email = await scope.mail.getEmailForUpdate(emailId);
      if (!email || email.status !== 'pending') return;
      email.attempts += 1;
      email.lastError = reason.slice(0, 2000);
      if (permanent) email.status = 'failed';
      await scope.mail.updateEmail(email);
      if (email.attempts > 1 && !permanent) return;
      const inquiry = await scope.inquiries.findById(email.inquiryId);
      await this.emit(scope, inquiry!, null, {
        type: 'email_failed',
        emailId,
        purpose: email.purpose,
        reason: permanent ? 'MAIL.REJECTED' : 'MAIL.RETRYING',
        recipientId: email.senderId,
      });
    });
  }

  emailsOf(inquiryId: string): Promise<OutgoingEmail[]> {
    return this.unitOfWork.run((scope) => scope.mail.emailsOf(inquiryId));
  }

  private acknowledgementSigner(scope: MessagingScope): Promise<StaffMember | null> {
    const email = this.options.acknowledgementSigner;
    return email ? scope.staff.findByEmail(email) : Promise.resolve(null);
  }

  private assertEnabled(): void {
    if (!this.options.enabled) throw new DomainError('MAIL.NOT_CONFIGURED', 'Outgoing e-mail is not configured (SMTP_URL)');
  }

  private emit(scope: TransactionScope, inquiry: Pick<Inquiry, 'id' | 'registryNumber'>, actorId: string | null, body: EventBody): Promise<void> {
    return emitEvent(scope, inquiry, actorId, body, this.clock.now());
  }
}
