import type { EventOf } from '../../../domain/events.js';
import type { EscalationSnapshot } from '../../../domain/inquiry.queries.js';
import { fullName, type StaffMember } from '../../../domain/staff.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { DirectMessages } from '../direct-messages.js';
import type { KnownBlock } from '../render/block-types.js';
import { escalationBlocks, headDecisionBlocks } from '../render/escalation-blocks.js';
import { noteMessage, type Reading } from '../render/notice-blocks.js';
import { PLATFORM, type SlackClient, type SlackServices } from '../services.js';

const managerPurpose = (escalationId: string) => `escalation:${escalationId}`;
const headPurpose = (escalationId: string, headId: string) => `decision:${escalationId}:${headId}`;

/** R54.escalate-unresolved / R58.incident: DMs to the manager, the raiser, the head and, when nobody is there, the admins. */
export class EscalationNotifier {
  constructor(
    private readonly client: SlackClient,
    private readonly services: SlackServices,
    private readonly dms: DirectMessages,
  ) {}

  /** To the direct manager; with no manager on Slack the raiser and every admin are told, the escalation stays pending. */
  async escalated(event: EventOf<'escalated'>): Promise<void> {
    const snapshot = await this.services.queries.escalation(event.escalationId);
    const manager = snapshot.manager;
    if (manager?.slackUserId && manager.active) {
      const delivered = await this.showToManager(snapshot, null);
      if (delivered) return;
    }
    const number = snapshot.inquiry.registryNumber;
    const raiser = snapshot.raisedBy;
    await this.tell(raiser, (language) => translate(language, 'notice.escalation.no_manager', { number }));
    for (const admin of await this.services.queries.staffWithRole('admin')) {
      await this.tell(admin, (language) => translate(language, 'notice.escalation.no_manager_admin', { raiser: fullName(raiser), number }));
    }
  }

  async acknowledged(event: EventOf<'escalation_acknowledged'>): Promise<void> {
    const snapshot = await this.services.queries.escalation(event.escalationId);
    const actor = await this.actorName(event.actorId, snapshot);
    const text = (language: Language) => translate(language, 'notice.escalation.acknowledged', { manager: actor, number: snapshot.inquiry.registryNumber });
    await this.showToManager(snapshot, text);
    await this.tell(snapshot.raisedBy, text);
  }

  async takenOver(event: EventOf<'escalation_taken_over'>): Promise<void> {
    const snapshot = await this.services.queries.escalation(event.escalationId);
    const actor = await this.actorName(event.actorId, snapshot);
    const text = (language: Language) => translate(language, 'notice.escalation.taken_over', { manager: actor, number: snapshot.inquiry.registryNumber });
    await this.showToManager(snapshot, text);
    await this.tell(snapshot.raisedBy, text);
  }

  /** R58.incident: each head gets the incident with Report / Do not report. */
  async referred(event: EventOf<'escalation_referred'>): Promise<void> {
    const snapshot = await this.services.queries.escalation(event.escalationId);
    const actor = await this.actorName(event.actorId, snapshot);
    await this.showToManager(snapshot, (language) => translate(language, 'notice.escalation.referred', { manager: actor, number: snapshot.inquiry.registryNumber }));
    for (const headId of event.headIds) {
      const head = await this.services.queries.staffMember(headId);
      if (!head?.slackUserId || !head.active) continue;
      await this.upsert(head, snapshot.inquiry.id, headPurpose(snapshot.escalation.id, head.id), headDecisionBlocks(snapshot, actor, this.reading(head.language), null));
    }
  }

  /** The head's decision reaches the manager and the raiser; the heads' buttons give way to it. */
  async decided(event: EventOf<'escalation_decided'>): Promise<void> {
    const snapshot = await this.services.queries.escalation(event.escalationId);
    const key = event.reportToAuthorities ? 'notice.escalation.decided.report' : 'notice.escalation.decided.no_report';
    const text = (language: Language) => translate(language, key, { number: snapshot.inquiry.registryNumber });
    const actor = await this.actorName(snapshot.escalation.managerId, snapshot);
    for (const head of await this.services.queries.staffWithRole('head')) {
      const posted = await this.services.chatPosts.find(PLATFORM, snapshot.inquiry.id, headPurpose(snapshot.escalation.id, head.id));
      if (!posted) continue;
      const { blocks } = headDecisionBlocks(snapshot, actor, this.reading(head.language), text(head.language));
      await this.client.chat.update({ channel: posted.channelId, ts: posted.messageId, text: text(head.language), blocks });
    }
    if (snapshot.manager) await this.tell(snapshot.manager, text);
    if (snapshot.raisedBy.id !== snapshot.manager?.id) await this.tell(snapshot.raisedBy, text);
  }

  /** The manager's DM: posted the first time, re-rendered in place (outcome instead of buttons) afterwards. */
  private async showToManager(snapshot: EscalationSnapshot, outcome: ((language: Language) => string) | null): Promise<boolean> {
    const manager = snapshot.manager;
    if (!manager?.slackUserId || !manager.active) return false;
    const message = escalationBlocks(snapshot, this.reading(manager.language), outcome ? outcome(manager.language) : null);
    return this.upsert(manager, snapshot.inquiry.id, managerPurpose(snapshot.escalation.id), message);
  }

  private async upsert(person: StaffMember, inquiryId: string, purpose: string, message: { text: string; blocks: KnownBlock[] }): Promise<boolean> {
    const existing = await this.services.chatPosts.find(PLATFORM, inquiryId, purpose);
    if (existing) {
      await this.client.chat.update({ channel: existing.channelId, ts: existing.messageId, ...message });
      return true;
    }
    const posted = await this.dms.send(person.slackUserId!, message.text, message.blocks);
    if (!posted) return false;
    await this.services.chatPosts.save(PLATFORM, inquiryId, purpose, { channelId: posted.channel, messageId: posted.ts });
    return true;
  }

  /** A plain DM in the person's language; people without Slack are skipped. */
  private async tell(person: StaffMember, text: (language: Language) => string): Promise<void> {
    if (!person.slackUserId || !person.active) return;
    const message = noteMessage(text(person.language));
    await this.dms.send(person.slackUserId, message.text, message.blocks);
  }

  private async actorName(actorId: string | null, snapshot: EscalationSnapshot): Promise<string> {
    if (actorId === null) return snapshot.manager ? fullName(snapshot.manager) : '—';
    const actor = actorId === snapshot.manager?.id ? snapshot.manager : await this.services.queries.staffMember(actorId);
    return actor ? fullName(actor) : '—';
  }

  private reading(language: Language): Reading {
    return { language, now: this.services.clock.now(), zone: this.services.config.TIME_ZONE };
  }
}
