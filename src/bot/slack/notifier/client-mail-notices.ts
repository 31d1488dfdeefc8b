import type { EventOf } from '../../../domain/events.js';
import type { StaffMember } from '../../../domain/staff.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { DirectMessages } from '../direct-messages.js';
import { inquiryNoticeBlocks } from '../render/notice-blocks.js';
import { clip } from '../render/text.js';
import type { SlackServices } from '../services.js';
import type { Announcements } from './announcements.js';

/** A notice names what it is about in a line, not a page. */
const EXCERPT_LENGTH = 200;

/** E-mail with the client as seen in Slack: the client wrote (R4.owner, R22), or our e-mail did not leave. */
export class ClientMailNotifier {
  constructor(
    private readonly services: SlackServices,
    private readonly announcements: Announcements,
    private readonly dms: DirectMessages,
  ) {}

  /**
   * R4.owner: the owner hears that the client wrote; with nobody owning the inquiry, its thread does. The
   * subject stands in for the message: the core offers no read of the client's text to the platforms.
   */
  async clientMessage(event: EventOf<'client_message_received'>): Promise<void> {
    const { inquiry } = await this.services.queries.get(event.inquiryId);
    const text = (language: Language) =>
      translate(language, 'notice.client_message', { number: inquiry.registryNumber, excerpt: clip(inquiry.subject.replace(/\s+/g, ' ').trim(), EXCERPT_LENGTH) });
    if (event.ownerId === null) {
      const language = this.services.config.DEFAULT_LANGUAGE;
      await this.announcements.reply(inquiry.id, inquiryNoticeBlocks(text(language), inquiry.id, language, ':envelope:'));
      return;
    }
    await this.tell(await this.services.queries.staffMember(event.ownerId), event.inquiryId, text, ':envelope:');
  }

  /** The sender learns their e-mail did not leave (incomplete signature, refused, or being retried). */
  async emailFailed(event: EventOf<'email_failed'>): Promise<void> {
    if (event.recipientId === null) return;
    const text = (language: Language) => translate(language, 'notice.email_failed', { number: event.registryNumber });
    await this.tell(await this.services.queries.staffMember(event.recipientId), event.inquiryId, text, ':warning:');
  }

  /** A DM in the person's language; someone without Slack (or gone) is skipped, the other platforms reach them. */
  private async tell(person: StaffMember | null, inquiryId: string, text: (language: Language) => string, mark: string): Promise<void> {
    if (!person?.slackUserId || !person.active) return;
    const message = inquiryNoticeBlocks(text(person.language), inquiryId, person.language, mark);
    await this.dms.send(person.slackUserId, message.text, message.blocks);
  }
}
