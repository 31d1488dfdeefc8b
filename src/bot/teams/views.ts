import { fullName } from '../../domain/staff.js';
import type { InquirySnapshot } from '../../domain/inquiry.queries.js';
import type { Language } from '../core/i18n/index.js';
import { buildInquiryCard } from '../core/inquiry-card.js';
import type { PlatformContext } from '../platform.js';
import type { AdaptiveCard } from './cards/elements.js';
import { announcementCard, detailsCard, type TimelineLine } from './cards/inquiry-cards.js';

/** Reads an inquiry and renders it as the Teams cards: the channel's announcement, a person's details view. */
export class InquiryViews {
  constructor(private readonly context: Pick<PlatformContext, 'queries' | 'clock' | 'config'>) {}

  get channelLanguage(): Language {
    return this.context.config.DEFAULT_LANGUAGE;
  }

  snapshot(reference: string): Promise<InquirySnapshot> {
    return this.context.queries.get(reference);
  }

  async announcement(reference: string | InquirySnapshot): Promise<AdaptiveCard> {
    const snapshot = typeof reference === 'string' ? await this.snapshot(reference) : reference;
    const { clock, config } = this.context;
    return announcementCard(buildInquiryCard(snapshot.inquiry, snapshot.owner, this.channelLanguage, clock.now(), config.TIME_ZONE, Boolean(config.SMTP_URL)));
  }

  async details(reference: string, language: Language): Promise<AdaptiveCard> {
    const snapshot = await this.snapshot(reference);
    const { clock, config, queries } = this.context;
    const names = new Map<string, string | null>();
    for (const id of new Set(snapshot.timeline.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])))) {
      const member = await queries.staffMember(id);
      names.set(id, member ? fullName(member) : null);
    }
    const timeline: TimelineLine[] = snapshot.timeline
      .filter((entry) => entry.action !== 'deadlines_changed')
      .map((entry) => ({ entry, actorName: entry.actorId ? (names.get(entry.actorId) ?? null) : null }));
    const card = buildInquiryCard(snapshot.inquiry, snapshot.owner, language, clock.now(), config.TIME_ZONE, Boolean(config.SMTP_URL));
    return detailsCard(card, fitBody(snapshot.inquiry.body), timeline, language, clock.now(), config.TIME_ZONE);
  }
}

/** Teams refuses messages over about 28 KB; a very long letter is cut (the e-mail itself stays whole). */
const MAX_BODY_CHARACTERS = 12_000;

function fitBody(body: string): string {
  return body.length <= MAX_BODY_CHARACTERS ? body : `${body.slice(0, MAX_BODY_CHARACTERS - 1)}…`;
}
