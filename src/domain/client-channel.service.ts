import { randomUUID } from 'node:crypto';
import { clientChannelOf, type AnswerChannel } from './answer-channel.js';
import type { ClientEmailComposer } from './client-email-composer.js';
import { mailLanguage, requireSignature, type ClientMailTemplates, type Signature } from './client-message.js';
import type { MessagingScope, MessagingUnitOfWork } from './messaging-unit-of-work.js';
import type { Clock } from './clock.js';
import { answerFirst, changeInquiry, ownerCommand, requireStaff, type CommandContext, type EventBody } from './command-support.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { DomainError, InquiryNotFoundError } from './errors.js';
import { mayActOn, type Inquiry } from './inquiry.js';
import type { Letter } from './letter.js';
import { findMeeting, meetingCommand } from './meeting.service.js';
import { nextSummaryDue } from './meeting.js';
import type { StaffMember } from './staff.js';
import { TEXT_LIMITS } from './validation.js';

/** A letter as printed: everything the page needs, the signature included (R36). */
export interface LetterView {
  letter: Letter;
  inquiry: Inquiry;
  signature: Signature;
}

/** What "inform the client" did (R19.status); `repeated` when an earlier click did it already. */
export interface InformResult {
  via: AnswerChannel;
  repeated: boolean;
  /** The printable letter, when the client is answered on paper. */
  letterId: string | null;
}

export interface ClientChannelOptions {
  /** Outgoing e-mail is configured. */
  emailEnabled: boolean;
  institution: string;
}

/** A draft for the owner to edit and send (R31.callback). */
export interface ClientDraft {
  language: 'lt' | 'en';
  text: string;
}

/**
 * Answers through the client's own channel: written letters (R55.same-channel), status notes (R19.status),
 * meeting summaries (R48.meeting-summary-2wd) and the e-mail draft after failed calls (R31.callback).
 */
export class ClientChannelService {
  private readonly context: CommandContext<MessagingScope>;

  constructor(
    unitOfWork: MessagingUnitOfWork,
    private readonly composer: ClientEmailComposer,
    private readonly templates: ClientMailTemplates,
    policy: DeadlinePolicy,
    clock: Clock,
    private readonly options: ClientChannelOptions,
  ) {
    this.context = { unitOfWork, policy, clock };
  }

  /** R55.same-channel: a written answer on paper, signed; it answers the client (R14.reply-1wd). */
  async issueLetter(inquiryId: string, staffId: string, text: string): Promise<Letter> {
    const body = requireText(text, 'text', TEXT_LIMITS.letter);
    let letter: Letter | undefined;
    return changeInquiry(this.context, inquiryId, staffId, ownerCommand('write_letter', async (scope, inquiry, actor, now) => {
      letter = await this.writeLetter(scope, inquiry, actor, body, null, now);
      return [{ type: 'letter_issued', letterId: letter.id }, ...answerFirst(inquiry, now)];
    })).then(() => letter!);
  }

  /**
   * Fails fast, before any form is filled, when the answer could not go out: the writer cannot sign (R36), or
   * a meeting summary for a client with an e-mail address finds no e-mail server. A letter needs no server.
   */
  async assertCanAnswer(staffId: string, inquiryId: string, answer: 'letter' | 'meeting_summary'): Promise<void> {
    await this.context.unitOfWork.run(async (scope) => {
      requireSignature(await requireStaff(scope, staffId), this.options.institution);
      const inquiry = await scope.inquiries.findById(inquiryId);
      if (!inquiry) throw new InquiryNotFoundError(inquiryId);
      if (answer === 'meeting_summary' && inquiry.client.email) this.assertEmail();
    });
  }

  /**
   * The printable letter, for the staff member a signed link was made for (letter-link.ts). Issue #15, R4.owner: asked
   * again at every opening, as for attachments (`mayActOn`) — the viewer must still be active staff and still the
   * inquiry's owner or a supervisor, so a link made before a handover stops opening for the previous owner.
   */
  letter(letterId: string, viewerId: string): Promise<LetterView> {
    return this.context.unitOfWork.run(async (scope) => {
      const viewer = await scope.staff.findById(viewerId);
      if (!viewer?.active) throw new DomainError('LETTER.FORBIDDEN', 'The letter link was not made for active staff', { letterId });
      const letter = await scope.letters.findById(letterId);
      if (!letter) throw new DomainError('LETTER.NOT_FOUND', `Letter ${letterId} was not found`, { letterId });
      const inquiry = (await scope.inquiries.findById(letter.inquiryId))!;
      if (!mayActOn(inquiry, viewer)) throw new DomainError('LETTER.FORBIDDEN', 'The viewer may no longer act on the letter\'s inquiry', { letterId });
      const author = (await scope.staff.findById(letter.authorId))!;
      return { letter, inquiry, signature: requireSignature(author, this.options.institution) };
    });
  }

  /**
   * R19.status: passes a recorded intermediate result or decision to the client through their channel, in
   * their language — e-mail, a letter, or (for phone and in-person clients without e-mail) a call to make now.
   * One click is enough, and a second click does nothing more.
   */
  async informClient(inquiryId: string, staffId: string, noteId: string): Promise<InformResult> {
    let result: InformResult | undefined;
    await changeInquiry(this.context, inquiryId, staffId, ownerCommand('inform_client', async (scope, inquiry, actor, now) => {
      const timeline = await scope.inquiries.timeline(inquiry.id);
      const note = timeline.find((entry) => entry.details.noteId === noteId && entry.action !== 'client_informed');
      if (!note) throw new DomainError('NOTE.NOT_FOUND', 'That note was not found', { registryNumber: inquiry.registryNumber });
      const done = timeline.find((entry) => entry.action === 'client_informed' && entry.details.noteId === noteId);
      if (done) {
        const letter = (await scope.letters.listByInquiry(inquiry.id)).find((written) => written.noteId === noteId);
        result = { via: done.details.via as AnswerChannel, repeated: true, letterId: letter?.id ?? null };
        return [];
      }
      const text = String(note.details.note ?? note.details.decision);
      const via = this.clientChannel(inquiry);
      const events: EventBody[] = [];
      result = { via, repeated: false, letterId: null };
      if (via === 'email') {
        await this.composer.compose(scope, inquiry, actor, 'status', { status: 'update', text }, `status:${noteId}`);
      } else if (via === 'letter') {
        const letter = await this.writeLetter(scope, inquiry, actor, text, noteId, now);
        events.push({ type: 'letter_issued', letterId: letter.id });
        result.letterId = letter.id;
      } else {
        // A phone or in-person client is told by a call: the owner is reminded to make it now.
        inquiry.nextCall = { at: now, plan: text, purpose: 'inform' };
        events.push({ type: 'call_scheduled', callAt: now.toISOString(), plan: text, purpose: 'inform' });
      }
      return [...events, { type: 'client_informed', noteId, via }];
    }));
    return result!;
  }

  /**
   * R48.meeting-summary-2wd: the summary goes to the client in their language — by e-mail, or as a printable
   * letter when they left no address — and that closes the obligation.
   */
  async sendMeetingSummary(meetingId: string, staffId: string, text: string): Promise<{ via: 'email' | 'letter'; letterId: string | null }> {
    const summary = requireText(text, 'text', TEXT_LIMITS.summary);
    const { inquiryId } = await this.context.unitOfWork.run((scope) => findMeeting(scope, meetingId));
    let result: { via: 'email' | 'letter'; letterId: string | null } = { via: 'email', letterId: null };
    await changeInquiry(this.context, inquiryId, staffId, meetingCommand<MessagingScope>(meetingId, 'held', async (scope, meeting, inquiry, now, actor) => {
      const events: EventBody[] = [];
      if (inquiry.client.email) {
        this.assertEmail();
        const meetingDate = this.templates.formatDate(meeting.heldAt!, mailLanguage(inquiry.client.language));
        await this.composer.compose(scope, inquiry, actor, 'meeting_summary', { text: summary, meetingDate }, `meeting:${meetingId}`);
      } else {
        const letter = await this.writeLetter(scope, inquiry, actor, summary, null, now);
        events.push({ type: 'letter_issued', letterId: letter.id });
        result = { via: 'letter', letterId: letter.id };
      }
      meeting.status = 'summary_sent';
      meeting.summarySentAt = now;
      await scope.meetings.update(meeting);
      inquiry.meetingSummaryDue = nextSummaryDue(await scope.meetings.listByInquiry(inquiry.id));
      return [...events, { type: 'meeting_summary_sent', meetingId, via: result.via }];
    }));
    return result;
  }

  /** R31.callback: the e-mail the owner is prompted to send after the retry failed too, in the client's language. */
  missedCallDraft(inquiryId: string): Promise<ClientDraft> {
    return this.context.unitOfWork.run(async (scope) => {
      const inquiry = await scope.inquiries.findById(inquiryId);
      if (!inquiry) throw new InquiryNotFoundError(inquiryId);
      const language = mailLanguage(inquiry.client.language);
      const text = this.templates.draft('missed_call', language, {
        registryNumber: inquiry.registryNumber,
        clientName: inquiry.client.name,
        subject: inquiry.subject,
        institution: this.options.institution,
      });
      return { language, text };
    });
  }

  private clientChannel(inquiry: Inquiry): AnswerChannel {
    const channel = clientChannelOf(inquiry);
    if (channel === 'email') this.assertEmail();
    return channel;
  }

  private async writeLetter(scope: MessagingScope, inquiry: Inquiry, author: StaffMember, body: string, noteId: string | null, now: Date): Promise<Letter> {
    requireSignature(author, this.options.institution);
    // R55.same-channel: the letter's own outgoing number, taken once, in the same transaction as the letter.
    const year = Number(this.context.policy.calendar.localDate(now).slice(0, 4));
    const outgoingNumber = await scope.letters.nextOutgoingNumber(year);
    const letter: Letter = { id: randomUUID(), inquiryId: inquiry.id, authorId: author.id, outgoingNumber, body, language: mailLanguage(inquiry.client.language), createdAt: now, noteId };
    await scope.letters.insert(letter);
    return letter;
  }

  private assertEmail(): void {
    if (!this.options.emailEnabled) throw new DomainError('MAIL.NOT_CONFIGURED', 'Outgoing e-mail is not configured (SMTP_URL)');
  }
}

function requireText(text: string, path: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > max) {
    throw new DomainError('INPUT.INVALID', `The ${path} must have between 1 and ${max} characters`, { fields: [{ path, message: 'length' }] });
  }
  return trimmed;
}
