import type { ChatPostStore } from '../../../domain/chat-posts.js';
import type { Clock } from '../../../domain/clock.js';
import type { InquiryEvent, InquiryEventType } from '../../../domain/events.js';
import type { InquirySnapshot } from '../../../domain/snapshots.js';
import type { EventDelivery, Notifier, StaffAway, WeeklyDigest } from '../../../domain/notifier.js';
import type { StaffMember } from '../../../domain/staff.js';
import type { Language } from '../i18n/index.js';
import { copyPurpose } from '../chat-copies.js';
import { buildInquiryCard } from '../inquiry-card.js';
import type { InquiryStory } from '../inquiry-story.js';
import { PostGoneError, type ChatSurface, type PostedRef, type SendResult } from '../surface.js';
import { isNews, noticesFor } from './index.js';
import { happeningNotices, type Happening } from './policy/happenings.js';

export type { Happening } from './policy/happenings.js';
import type { Notice, NoticeContext, NoticeSnapshot, UpdateKey } from './notice.js';
import { loadNoticeSnapshot, type SnapshotReads, type SnapshotSettings } from './snapshot.js';
import { speak, type Reader, type RenderedNotice } from './speak.js';

/** The one file per platform that turns a notice in a reader's words into its markup. */
export interface NoticeRenderer<M> {
  notice(notice: RenderedNotice, reader: Reader): M;
}

/** The few log lines the delivery writes (ids only, never personal data). */
export interface DeliveryLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Everything a platform's NoticeDelivery is built from. */
export interface NoticeDeliveryParts<M> {
  readonly context: NoticeContext;
  readonly surface: ChatSurface<M>;
  readonly renderer: NoticeRenderer<M>;
  readonly posts: ChatPostStore;
  readonly reads: SnapshotReads;
  readonly settings: SnapshotSettings & { readonly channelLanguage: Language; readonly zone: string };
  readonly clock: Clock;
  /** The inquiry's story in one language, for notices that bring its recent past (R29.agreed-time). */
  readonly story: (snapshot: InquirySnapshot, language: Language) => Promise<InquiryStory>;
  readonly log: DeliveryLog;
  /** R60.internal: sends one weekly digest through this platform's surface (src/bot/core/reports/digest.ts). */
  readonly digest?: (digest: WeeklyDigest) => Promise<void>;
}

/** A database blip right after the platform took a keyed post must not cost a second post: the save is retried this long. */
const SAVE_RETRY_DELAYS_MS = [200, 500, 1_000, 2_000, 4_000];

/** Where a keyed message is remembered: one per (platform, inquiry, purpose). */
function purposeOf(key: UpdateKey): string {
  switch (key.kind) {
    case 'announcement':
      return 'announcement';
    case 'unclaimed':
      return 'unclaimed';
    case 'unclaimed_to':
      return `unclaimed:${key.staffId}`;
    case 'deadline':
      return `deadline:${key.deadline}:${key.stage}`;
    case 'overdue_escalated':
      return `overdue_escalated:${key.deadline}:${key.staffId}`;
    case 'escalation':
      return `escalation:${key.escalationId}`;
    case 'rating':
      return `rating:${key.ratingId}`;
    case 'head_decision':
      return `decision:${key.escalationId}:${key.headId}`;
  }
}

/**
 * A platform's notifier built from the core: event → snapshot (loaded once) → `noticesFor` → words per reader →
 * the platform's markup → its surface. An outbox consumer: delivered at least once, in order per inquiry; a
 * platform error is thrown so the outbox retries, and keyed messages are updated rather than posted again.
 */
export class NoticeDelivery<M> implements Notifier {
  readonly name: string;

  constructor(private readonly parts: NoticeDeliveryParts<M>) {
    this.name = parts.context.platform;
  }

  accepts(type: InquiryEventType): boolean {
    return noticesAccept(type);
  }

  /** `delivery` comes from the outbox: a surface that can recognise an earlier attempt's posts gets it (exactly once). */
  async handle(event: InquiryEvent, delivery?: EventDelivery): Promise<void> {
    const { reads, settings, context } = this.parts;
    const surface = delivery && this.parts.surface.forDelivery ? this.parts.surface.forDelivery(delivery, event.inquiryId) : this.parts.surface;
    const snapshot = await loadNoticeSnapshot(event, reads, settings);
    for (const notice of noticesFor(event, snapshot, context)) await this.deliver(notice, snapshot, surface);
  }

  /**
   * Tells what the policy decides about a happening (about no inquiry): posted, never keyed. A person the platform
   * refuses is skipped; any other platform error is thrown, so the caller asks again.
   */
  async happen(happening: Happening): Promise<void> {
    if (happening.type === 'weekly_digest') return this.parts.digest?.(happening);
    const { reads, context, surface, log, settings } = this.parts;
    const admins = happening.type === 'app_installed' ? [] : await reads.staffWithRole('admin');
    const people = new Map(admins.map((admin) => [admin.id, admin]));
    if (happening.type === 'staff_away') await loadPeople(people, reads, happening);
    for (const notice of happeningNotices(happening, { admins, people }, context)) {
      const { audience } = notice;
      const person = audience.to === 'person' ? people.get(audience.staffId) : undefined;
      const language = person ? await surface.languageOf(person) : settings.channelLanguage;
      const message = this.parts.renderer.notice(speak(notice, this.reader(language), { people }), this.reader(language));
      const result = person ? await surface.sendToPerson(person, message) : await surface.postToChannel(message);
      if (!result.ok) log.warn({ notice: notice.id, platform: context.platform, reason: result.reason }, 'a happening could not be told here; skipped');
    }
  }

  private async deliver(notice: Notice, snapshot: NoticeSnapshot, surface: ChatSurface<M>): Promise<void> {
    const { posts, log, context } = this.parts;
    const { audience } = notice;
    const inquiryId = snapshot.inquiry.inquiry.id;
    if (audience.to === 'channel') {
      const message = await this.render(notice, snapshot, this.parts.settings.channelLanguage);
      const post = () => surface.postToChannel(message);
      const result = notice.updateKey ? await this.keyed(notice, inquiryId, message, surface, post) : await post();
      if (result && !result.ok) log.warn({ inquiryId, notice: notice.id, platform: context.platform }, 'no staff channel yet; channel note skipped');
      return;
    }
    if (audience.to === 'announcement') {
      const message = await this.render(notice, snapshot, this.parts.settings.channelLanguage);
      const result = await this.keyed(notice, inquiryId, message, surface, () => surface.postToChannel(message));
      if (result && !result.ok) log.warn({ inquiryId, notice: notice.id, platform: context.platform }, 'no staff channel yet (add the app to a team); announcement skipped');
      return;
    }
    if (audience.to === 'every_copy') {
      // Issue #15: edits only (one update per message; a 429 is thrown and the outbox retries, repeating edits is harmless).
      const message = await this.render(notice, snapshot, this.parts.settings.channelLanguage);
      for (const post of await posts.all(context.platform, inquiryId)) await this.editCopy(post, message, inquiryId, notice, surface);
      return;
    }
    if (audience.to === 'thread') {
      const parent = await posts.find(context.platform, inquiryId, purposeOf({ kind: 'announcement' }));
      const result = await surface.replyInThread(parent, await this.render(notice, snapshot, this.parts.settings.channelLanguage));
      if (!result.ok) log.warn({ inquiryId, notice: notice.id, platform: context.platform }, 'no staff channel yet; thread note skipped');
      else await this.rememberCopy(inquiryId, result.post);
      return;
    }
    const person = snapshot.people.get(audience.staffId);
    if (!person) return;
    const message = await this.render(notice, snapshot, await surface.languageOf(person));
    const send = () => surface.sendToPerson(person, message);
    const result = notice.updateKey ? await this.keyed(notice, inquiryId, message, surface, send) : await send();
    if (result?.ok && !notice.updateKey) await this.rememberCopy(inquiryId, result.post);
    if (result && !result.ok) {
      // The platform refused the person at send time: those the policy named instead are told (never retried).
      log.warn({ inquiryId, notice: notice.id, staffId: person.id, platform: context.platform }, 'a staff member cannot be reached; fallback notices instead');
      for (const instead of notice.fallback ?? []) await this.deliver({ ...instead, fallback: [] }, snapshot, surface);
    }
  }

  /**
   * Issue #15, R12.records: one chat copy edited. A copy someone deleted on the platform holds nothing any more, so it
   * counts as already clean: retrying it would fail forever and hold back the other copies (and the inquiry's later
   * events) in the outbox. Logged with ids and the platform's code only.
   */
  private async editCopy(post: PostedRef, message: M, inquiryId: string, notice: Notice, surface: ChatSurface<M>): Promise<void> {
    try {
      await surface.update(post, message);
    } catch (error) {
      if (!(error instanceof PostGoneError)) throw error;
      const { context, log } = this.parts;
      log.info({ inquiryId, notice: notice.id, platform: context.platform, messageId: post.messageId, reason: error.reason }, 'a chat copy is gone from the platform; nothing left to clean there');
    }
  }

  /**
   * `upsert`: updates the keyed message, or posts it and remembers it; `update_only`: nothing when never posted.
   * Null when nothing was sent (updated or skipped); the send's result otherwise.
   */
  private async keyed(notice: Notice, inquiryId: string, message: M, surface: ChatSurface<M>, send: () => Promise<SendResult>): Promise<SendResult | null> {
    const { posts, context, log } = this.parts;
    const purpose = purposeOf(notice.updateKey ?? { kind: 'announcement' });
    const existing = notice.mode === 'repost' ? null : await posts.find(context.platform, inquiryId, purpose);
    if (existing) {
      await surface.update(existing, message);
      return null;
    }
    if (notice.mode === 'update_only') return null;
    const earlier = await surface.attempts?.start(inquiryId, purpose);
    if (earlier) log.warn({ inquiryId, purpose, earlierAttemptAt: earlier, platform: context.platform }, 'an interrupted earlier attempt may have posted this; posting again');
    const result = await send();
    if (!result.ok) return result;
    await this.record(inquiryId, purpose, result.post);
    await surface.attempts?.done(inquiryId, purpose);
    return result;
  }

  /**
   * Issue #15: a thread note or a DM that quotes the inquiry is remembered too (under its own message id), so when the
   * inquiry is anonymised every copy of it can be edited; a repeated delivery remembers the same message once.
   */
  private rememberCopy(inquiryId: string, post: PostedRef): Promise<void> {
    return this.record(inquiryId, copyPurpose(post), post);
  }

  /** Saves the posted message's id, retrying a failing database for a few seconds before giving up. */
  private async record(inquiryId: string, purpose: string, post: PostedRef): Promise<void> {
    const { posts, context, log } = this.parts;
    for (const delay of [...SAVE_RETRY_DELAYS_MS, null]) {
      try {
        return await posts.save(context.platform, inquiryId, purpose, post);
      } catch (error) {
        if (delay === null) throw error;
        log.warn({ err: error, inquiryId, purpose }, 'recording a posted message failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private reader(language: Language): Reader {
    return { language, now: this.parts.clock.now(), zone: this.parts.settings.zone };
  }

  private async render(notice: Notice, snapshot: NoticeSnapshot, language: Language): Promise<M> {
    const { renderer } = this.parts;
    const reader = this.reader(language);
    const { inquiry, owner } = snapshot.inquiry;
    const card = notice.kind === 'inquiry_card' ? buildInquiryCard(inquiry, owner, language, reader.now, reader.zone, snapshot.capabilities) : undefined;
    const story = notice.lines ? await this.parts.story(snapshot.inquiry, language) : undefined;
    return renderer.notice(speak(notice, reader, { people: snapshot.people, ...(card ? { card } : {}), ...(story ? { story } : {}) }), reader);
  }
}

/** R4.owner: the people a staff-away happening names, and the away person's direct manager (as the directory has it now). */
async function loadPeople(people: Map<string, StaffMember>, reads: SnapshotReads, happening: StaffAway): Promise<void> {
  const load = async (id: string | null) => {
    if (id === null || people.has(id)) return people.get(id ?? '') ?? null;
    const person = await reads.staffMember(id);
    if (person) people.set(id, person);
    return person;
  };
  const away = await load(happening.staffId);
  await Promise.all([load(away?.managerId ?? null), load(happening.substituteId), load(happening.byId)]);
}

/** The events a platform's notices are about: the same for every platform, whichever workspace it serves. */
export function noticesAccept(type: InquiryEventType): boolean {
  return isNews(type);
}
