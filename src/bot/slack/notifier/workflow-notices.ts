import { clientChannelOf } from '../../../domain/answer-channel.js';
import type { EventOf } from '../../../domain/events.js';
import { canEmailClient } from '../../../domain/inquiry.js';
import { fullName, type StaffMember } from '../../../domain/staff.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type Language } from '../../core/i18n/index.js';
import { letterUrl } from '../../core/inquiry-story.js';
import { publicUrl } from '../../core/story-loader.js';
import type { DirectMessages } from '../direct-messages.js';
import { noticeBlocks, openButton, type NoticeParts } from '../render/notice-blocks.js';
import { inquiryButton, letterButton, partButton } from '../render/workflow-notice-blocks.js';
import type { SlackServices } from '../services.js';
import type { Announcements } from './announcements.js';

type Say = (language: Language) => NoticeParts;

/**
 * The procedure's workflows in Slack: calls, meetings, external steps, status notes and letters. People who
 * must act get a DM with the button that does it; what the team should see goes to the card's thread.
 */
export class WorkflowNotifier {
  constructor(
    private readonly services: SlackServices,
    private readonly announcements: Announcements,
    private readonly dms: DirectMessages,
  ) {}

  /** R29.agreed-time / R31.callback: the planned call in the thread; its plan is an internal note. */
  async callScheduled(event: EventOf<'call_scheduled'>): Promise<void> {
    const key = ({ agreed: 'slack.notice.call_scheduled', retry: 'slack.notice.retry_scheduled', inform: 'reply.informed.oral' } as const)[event.purpose];
    await this.thread(event.inquiryId, (language) => ({
      mark: ':telephone_receiver:',
      text: translate(language, key, { number: event.registryNumber, when: this.when(event.callAt, language) }),
      lines: event.plan ? [{ text: `${translate(language, 'notice.call.plan')}: ${event.plan}`, internal: true }] : [],
    }));
  }

  /** R31.callback: the retry failed too; the owner is prompted to e-mail the client, or to write when there is no address. */
  async callbackFailed(event: EventOf<'callback_failed'>): Promise<void> {
    const { inquiry } = await this.services.queries.get(event.inquiryId);
    const byEmail = canEmailClient(inquiry, this.services.capabilities);
    await this.tell(event.ownerId, (language) => ({
      mark: ':telephone_receiver:',
      text: translate(language, byEmail ? 'notice.callback_failed' : 'notice.callback_failed.no_email', { number: inquiry.registryNumber }),
      buttons: [
        byEmail ? inquiryButton('email_client', inquiry.id, language, 'primary') : inquiryButton('write_letter', inquiry.id, language, 'primary'),
        openButton(inquiry.id, language),
      ],
    }));
  }

  /** R45.meetings: the chair and the recorder learn of it, with Record minutes for afterwards. */
  async meetingPlanned(event: EventOf<'meeting_planned'>): Promise<void> {
    const meeting = await this.services.meetings.get(event.meetingId);
    const [chair, recorder] = await Promise.all([this.person(event.chairId), this.person(event.recorderId)]);
    const say: Say = (language) => ({
      mark: ':busts_in_silhouette:',
      text: translate(language, 'notice.meeting_planned', {
        number: event.registryNumber,
        when: this.when(event.startsAt, language),
        chair: chair ? fullName(chair) : '—',
        recorder: recorder ? fullName(recorder) : '—',
      }),
      facts: [
        [translate(language, 'form.meeting.format'), translate(language, `meeting_format.${event.format}`)],
        [translate(language, 'form.meeting.agenda'), meeting.agenda],
        [translate(language, 'form.meeting.participants'), meeting.participants.join(', ')],
        [translate(language, 'form.meeting.previous'), meeting.previousKeyPoints],
      ],
      buttons: [partButton('record_minutes', event.inquiryId, event.meetingId, language), openButton(event.inquiryId, language)],
    });
    await this.tellPerson(chair, say);
    await this.tellPerson(recorder, say);
  }

  /** R48.meeting-summary-2wd: the recorder is asked for the summary, due in two working days. */
  async meetingHeld(event: EventOf<'meeting_held'>): Promise<void> {
    await this.tell(event.recorderId, (language) => ({
      mark: ':memo:',
      text: translate(language, 'notice.meeting_held', { number: event.registryNumber, due: this.when(event.summaryDue, language) }),
      buttons: [partButton('send_summary', event.inquiryId, event.meetingId, language, 'primary'), openButton(event.inquiryId, language)],
    }));
  }

  async meetingSummarySent(event: EventOf<'meeting_summary_sent'>): Promise<void> {
    await this.thread(event.inquiryId, (language) => ({ mark: ':envelope:', text: translate(language, 'notice.meeting_summary_sent', { number: event.registryNumber }) }));
  }

  /** R24.other-institution */
  async externalStepAdded(event: EventOf<'external_step_added'>): Promise<void> {
    await this.thread(event.inquiryId, (language) => ({
      mark: ':hourglass_flowing_sand:',
      text: translate(language, 'reply.step_added', { number: event.registryNumber, institution: event.institution, due: this.when(event.dueAt, language) }),
      facts: [[translate(language, 'form.step.what'), event.what]],
    }));
  }

  /** R24.other-institution / R19.status: the decision is an intermediate result; whoever recorded it may tell the client. */
  async externalDecisionRecorded(event: EventOf<'external_decision_recorded'>): Promise<void> {
    await this.offerToInform(event, () => [event.institution, event.decision]);
  }

  /** R24.other-institution: conflicting decisions → the owner is offered a joint meeting with the institutions. */
  async externalDecisionsConflict(event: EventOf<'external_decisions_conflict'>): Promise<void> {
    await this.tell(event.ownerId, (language) => ({
      mark: ':warning:',
      text: translate(language, 'notice.external_conflict', { number: event.registryNumber, institutions: event.institutions.join(', ') }),
      buttons: [inquiryButton('plan_joint_meeting', event.inquiryId, language, 'primary'), openButton(event.inquiryId, language)],
    }));
  }

  /** R19.status */
  async progressRecorded(event: EventOf<'progress_recorded'>): Promise<void> {
    await this.offerToInform(event, (language) => [translate(language, `form.progress.${event.stage}`), event.note]);
  }

  async clientInformed(event: EventOf<'client_informed'>): Promise<void> {
    await this.thread(event.inquiryId, (language) => ({
      mark: ':speech_balloon:',
      text: translate(language, 'slack.notice.client_informed', { number: event.registryNumber, via: translate(language, `answer.${event.via}`) }),
    }));
  }

  /**
   * R55.same-channel: the letter's author gets the link to print it. A letter that carries a status note was
   * asked for with "Inform the client", whose DM already turned into that link.
   */
  async letterIssued(event: EventOf<'letter_issued'>): Promise<void> {
    const { letters } = await this.services.queries.get(event.inquiryId);
    if (letters.find((letter) => letter.id === event.letterId)?.noteId) return;
    const url = letterUrl(publicUrl(this.services), event.letterId);
    await this.tell(event.actorId, (language) => ({
      mark: ':page_facing_up:',
      text: translate(language, 'reply.letter_issued', { number: event.registryNumber }),
      buttons: [letterButton(url, language), openButton(event.inquiryId, language)],
    }));
  }

  /** R19.status: one click passes the note to the client through their channel (`inform_client`). */
  private async offerToInform(event: EventOf<'progress_recorded' | 'external_decision_recorded'>, fact: (language: Language) => [string, string]): Promise<void> {
    const { inquiry } = await this.services.queries.get(event.inquiryId);
    await this.tell(event.actorId, (language) => ({
      mark: ':speech_balloon:',
      text: translate(language, 'notice.progress_offer', { number: inquiry.registryNumber, via: translate(language, `answer.${clientChannelOf(inquiry)}`) }),
      facts: [fact(language)],
      buttons: [partButton('inform_client', inquiry.id, event.noteId, language, 'primary'), openButton(inquiry.id, language)],
    }));
  }

  private async person(id: string | null): Promise<StaffMember | null> {
    return id === null ? null : this.services.queries.staffMember(id);
  }

  private async tell(personId: string | null, say: Say): Promise<void> {
    await this.tellPerson(await this.person(personId), say);
  }

  /** A DM in the person's language; someone without Slack (or gone) is skipped, the other platforms reach them. */
  private async tellPerson(person: StaffMember | null, say: Say): Promise<void> {
    if (!person?.slackUserId || !person.active) return;
    const message = noticeBlocks(say(person.language));
    await this.dms.send(person.slackUserId, message.text, message.blocks);
  }

  /** A note in the card's thread, in the channel's language. */
  private async thread(inquiryId: string, say: Say): Promise<void> {
    await this.announcements.reply(inquiryId, noticeBlocks(say(this.services.config.DEFAULT_LANGUAGE)));
  }

  private when(iso: string, language: Language): string {
    return formatWhen(new Date(iso), language, this.services.clock.now(), this.services.config.TIME_ZONE);
  }
}
