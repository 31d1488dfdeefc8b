import type { HeaderValue, ParsedMail } from 'mailparser';
import { z } from 'zod';
import type { ClientMessagingService } from '../domain/client-messaging.service.js';
import { DomainError } from '../domain/errors.js';
import type { InquiryService } from '../domain/inquiry.service.js';
import type { InquiryKind } from '../domain/inquiry.js';
import { toStorableText } from '../domain/storable-text.js';
import type { Logger } from '../logger.js';
import { guessLanguage } from './language-guess.js';
import { fallbackMessageId, messageIdHash } from './message-ref.js';

/** What became of one message from the mailbox; every outcome counts as processed. */
export type IntakeOutcome = 'registered' | 'duplicate' | 'appended' | 'automatic' | 'unusable';

const MAX_BODY = 100_000;
const MAX_SUBJECT = 300;
const emailAddress = z.email().max(320);

/**
 * Turns one RFC 822 message into an inquiry (R15.register) or a follow-up of one (R4.owner, R22).
 * Safe to run twice on the same message: registration is idempotent by Message-ID, follow-ups by theirs.
 */
export class MailIntake {
  constructor(
    private readonly inquiries: InquiryService,
    private readonly messaging: ClientMessagingService,
    private readonly logger: Logger,
  ) {}

  async process(source: Buffer, receivedAt: Date): Promise<IntakeOutcome> {
    // Loaded on first use: the parser takes a noticeable part of a second to load, which a start without
    // e-mail intake should not pay.
    const { simpleParser } = await import('mailparser');
    const mail = await simpleParser(source);
    // A message without a Message-ID still needs a stable id, or a re-read would register it twice.
    const rawId = mail.messageId ?? fallbackMessageId(source);
    // Every text taken from the message is made storable here, once: a NUL (`=00`) in a header or body would
    // otherwise make each query that carries it fail, and the message could never be registered (R12.records).
    const messageId = toStorableText(rawId);
    const ref = { messageIdHash: messageIdHash(rawId) };
    if (isAutomatic(mail) || (await this.messaging.isOwnMessage(messageId))) {
      this.logger.info(ref, 'automatic or own e-mail (auto-reply, delivery report, copy of ours) ignored');
      return 'automatic';
    }
    const from = mail.from?.value[0];
    const address = from?.address && emailAddress.safeParse(from.address).success ? from.address.toLowerCase() : null;
    const subject = toStorableText(mail.subject ?? '').trim().slice(0, MAX_SUBJECT);
    const body = toStorableText(mail.text ?? '').trim().slice(0, MAX_BODY);
    const attachments = mail.attachments.map((attachment) => ({
      filename: toStorableText(attachment.filename ?? 'attachment'),
      contentType: toStorableText(attachment.contentType),
      content: attachment.content,
    }));

    const threadIds = [mail.inReplyTo, ...asList(mail.references)].filter((id): id is string => typeof id === 'string' && id !== '').map(toStorableText);
    const inquiryId = await this.messaging.findConversation(threadIds, subject);
    if (inquiryId) {
      const created = await this.messaging.receiveClientMessage({ inquiryId, messageId, fromAddress: address, subject, body, receivedAt });
      await this.messaging.storeAttachments(inquiryId, messageId, attachments);
      return created ? 'appended' : 'duplicate';
    }

    try {
      const { inquiry, created } = await this.inquiries.register({
        kind: guessKind(`${subject}\n${body}`),
        channel: 'email',
        externalId: messageId,
        client: {
          name: (toStorableText(from?.name ?? '').trim() || address?.split('@')[0] || '?').slice(0, 200),
          email: address,
          phone: null,
          language: guessLanguage(`${subject}\n${body}`),
        },
        subject: subject || (guessLanguage(body) === 'en' ? '(no subject)' : '(be temos)'),
        body,
        receivedAt,
      });
      await this.messaging.storeAttachments(inquiry.id, messageId, attachments);
      return created ? 'registered' : 'duplicate';
    } catch (error) {
      // Nobody could answer it (no usable sender address): kept in the mailbox, recorded by the poller as failed,
      // not retried forever. The field paths say why; the message text could quote the client.
      if (error instanceof DomainError && error.code === 'INPUT.INVALID') {
        const fields = ((error.details.fields ?? []) as { path: string }[]).map((field) => field.path);
        this.logger.warn({ ...ref, code: error.code, fields }, 'e-mail cannot become an inquiry');
        return 'unusable';
      }
      throw error;
    }
  }
}

/** Auto-replies, mailing lists and bounces are not clients writing (RFC 3834, RFC 3464). */
function isAutomatic(mail: ParsedMail): boolean {
  const header = (name: string) => headerText(mail.headers.get(name)).toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted !== '' && autoSubmitted !== 'no') return true;
  if (['bulk', 'junk', 'list'].includes(header('precedence'))) return true;
  if (header('x-autoreply') !== '' || header('x-autorespond') !== '') return true;
  return header('content-type').startsWith('multipart/report');
}

function headerText(value: HeaderValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object' && value !== null && 'value' in value && typeof value.value === 'string') return value.value.trim();
  return String(value);
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/);
}

/** A complaint names itself; anything else is handled as a request, which carries the statutory deadline. */
function guessKind(text: string): InquiryKind {
  return /skund|complain/i.test(text) ? 'complaint' : 'request';
}
