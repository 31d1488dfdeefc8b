import type { EscalationSnapshot, InquirySnapshot } from '../../domain/snapshots.js';
import type { StaffMember } from '../../domain/staff.js';
import { staffLanguage } from '../core/i18n/index.js';
import type { PlatformContext } from '../platform.js';
import type { SlackClient } from './services.js';

/** How long a person's Slack locale is trusted before asking Slack again. */
const LOCALE_TTL_MS = 60 * 60 * 1000;

/**
 * English for staff whose setting *or* Slack locale is English (users.info with `include_locale`, scope
 * `users:read`). Lithuanian stays the default: an unknown locale or a failed look-up keeps the staff setting.
 */
export class SlackLocales {
  private readonly cache = new Map<string, { english: boolean; until: number }>();

  /** `client`: the Web API client of the workspace whose work is under way (users are of one workspace each). */
  constructor(private readonly client: () => Promise<SlackClient | null>) {}

  async localize<T extends StaffMember | null>(member: T): Promise<T> {
    if (!member || member.language === 'en' || !member.slackUserId) return member;
    return (await this.prefersEnglish(member.slackUserId)) ? { ...member, language: 'en' } : member;
  }

  private async prefersEnglish(slackUserId: string): Promise<boolean> {
    const cached = this.cache.get(slackUserId);
    if (cached && cached.until > Date.now()) return cached.english;
    const client = await this.client();
    if (!client) return false;
    const english = await client.users
      .info({ user: slackUserId, include_locale: true })
      .then((answer) => staffLanguage((answer.user as { locale?: string } | undefined)?.locale) === 'en')
      .catch(() => false);
    this.cache.set(slackUserId, { english, until: Date.now() + LOCALE_TTL_MS });
    return english;
  }
}

/**
 * The core's staff directory and queries, with every StaffMember they hand to Slack code localized, so each
 * listener and notice simply uses `member.language`.
 */
export function withSlackLocales(context: PlatformContext, locales: SlackLocales): Pick<PlatformContext, 'staff' | 'queries'> {
  const { staff, queries } = context;
  const localizeAll = (members: StaffMember[]) => Promise.all(members.map((member) => locales.localize(member)));
  return {
    staff: Object.assign(Object.create(staff) as typeof staff, {
      findBySlackUser: async (slackUserId: string) => locales.localize(await staff.findBySlackUser(slackUserId)),
    }),
    queries: Object.assign(Object.create(queries) as typeof queries, {
      staffMember: async (id: string) => locales.localize(await queries.staffMember(id)),
      staffWithRole: async (role: StaffMember['roles'][number]) => localizeAll(await queries.staffWithRole(role)),
      get: async (reference: string): Promise<InquirySnapshot> => {
        const snapshot = await queries.get(reference);
        return { ...snapshot, owner: await locales.localize(snapshot.owner) };
      },
      escalation: async (escalationId: string): Promise<EscalationSnapshot> => {
        const snapshot = await queries.escalation(escalationId);
        return { ...snapshot, raisedBy: await locales.localize(snapshot.raisedBy), manager: await locales.localize(snapshot.manager) };
      },
    }),
  };
}
