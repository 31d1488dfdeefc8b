import { randomUUID } from 'node:crypto';
import { mailLanguage, requireSignature, subjectWithNumber, type ClientEmailPurpose, type ClientMailTemplates, type OutgoingEmail, type TemplateData } from './client-message.js';
import type { MessagingScope } from './messaging-unit-of-work.js';
import type { Clock } from './clock.js';
import { emitEvent } from './command-support.js';
import { DomainError } from './errors.js';
import type { Inquiry } from './inquiry.js';
import type { StaffMember } from './staff.js';

export interface ComposerOptions {
  institution: string;
  /** Right-hand side of our Message-IDs (the domain of MAIL_FROM). */
  messageIdDomain: string;
}

/** Writes e-mails to clients: template, language, signature (R36) and threading, queued through the outbox. */
export class ClientEmailComposer {
  constructor(
    private readonly templates: ClientMailTemplates,
    private readonly clock: Clock,
    private readonly options: ComposerOptions,
  ) {}

  /**
   * One e-mail in the client's language with the sender's signature and the conversation's threading
   * headers; queued with an `email_requested` event in the caller's transaction. Null for a redelivery.
   */
  async compose(
    scope: MessagingScope,
    inquiry: Inquiry,
    sender: StaffMember,
    purpose: ClientEmailPurpose,
    extra: Partial<TemplateData>,
    dedupeKey: string | null,
  ): Promise<OutgoingEmail | null> {
    if (!inquiry.client.email) {
      throw new DomainError('MAIL.NO_CLIENT_EMAIL', 'The client left no e-mail address', { registryNumber: inquiry.registryNumber });
    }
    const signature = requireSignature(sender, this.options.institution);
    const language = mailLanguage(inquiry.client.language);
    const data: TemplateData = {
      registryNumber: inquiry.registryNumber,
      clientName: inquiry.client.name,
      subject: inquiry.subject,
      institution: this.options.institution,
      ...extra,
    };
    const rendered = this.templates.render(purpose, language, data);
    const thread = await scope.mail.threadIds(inquiry.id);
    const first = inquiry.channel === 'email' && inquiry.externalId ? [{ messageId: inquiry.externalId, direction: 'in' as const }] : [];
    const conversation = [...first, ...thread];
    const lastFromClient = conversation.filter((entry) => entry.direction === 'in').at(-1) ?? conversation.at(-1);
    const email: OutgoingEmail = {
      id: randomUUID(),
      inquiryId: inquiry.id,
      purpose,
      dedupeKey,
      senderId: sender.id,
      to: { name: inquiry.client.name, address: inquiry.client.email },
      subject: subjectWithNumber(inquiry.registryNumber, rendered.subject),
      body: `${rendered.body.trimEnd()}\n\n-- \n${this.templates.signature(language, signature)}\n`,
      language,
      messageId: `<${randomUUID()}@${this.options.messageIdDomain}>`,
      inReplyTo: lastFromClient?.messageId ?? null,
      references: conversation.map((entry) => entry.messageId),
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: this.clock.now(),
      sentAt: null,
    };
    if (!(await scope.mail.insertEmail(email))) return null;
    await scope.mail.addThreadId(inquiry.id, email.messageId, 'out');
    await emitEvent(scope, inquiry, sender.id, { type: 'email_requested', emailId: email.id, purpose }, this.clock.now());
    return email;
  }

}
