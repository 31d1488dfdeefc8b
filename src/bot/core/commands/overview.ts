import type { InquiryEventType } from '../../../domain/events.js';
import type { InquiryQuery } from '../../../domain/inquiry.repository.js';
import type { StaffMember } from '../../../domain/staff.js';
import type { PlatformContext } from '../../platform.js';
import { translate, type Language, type MessageKey } from '../i18n/index.js';
import { LISTS } from './intent.js';
import { listRows, type ListRow } from './reply.js';

/** One titled list of a person's overview, its rows most pressing first (the domain's order). */
export interface OverviewList {
  readonly title: string;
  readonly rows: readonly ListRow[];
  readonly empty: string;
}

/**
 * A person's overview (Slack's App Home): my open inquiries, the unclaimed queue, and what is overdue — the same
 * three lists, limits and order wherever a platform shows them.
 */
export async function overviewOf(actor: StaffMember, language: Language, context: Pick<PlatformContext, 'clock' | 'config' | 'queries' | 'capabilities'>): Promise<OverviewList[]> {
  const now = context.clock.now();
  const reading = { language, now, zone: context.config.TIME_ZONE };
  const list = async (title: MessageKey, query: Omit<InquiryQuery, 'limit'>): Promise<OverviewList> => ({
    title: translate(language, title),
    rows: listRows(await context.queries.list({ ...query, limit: LISTS.home.limit }), reading, context.capabilities),
    empty: translate(language, 'reply.no_inquiries'),
  });
  return [
    await list('list.mine', { ownerId: actor.id, openOnly: true }),
    await list('list.unclaimed', { unclaimed: true, openOnly: true }),
    await list('list.overdue', { overdueAt: now, openOnly: true }),
  ];
}

/** Events after which someone's overview may read differently: an owner, a status, a passed deadline. */
const OVERVIEW_CHANGES: ReadonlySet<InquiryEventType> = new Set<InquiryEventType>([
  'registered', 'claimed', 'released', 'handed_over', 'first_reply_sent', 'holding_reply_sent', 'waiting_on_client',
  'resolved', 'closed', 'reopened', 'overdue', 'escalation_taken_over',
]);

export const changesOverview = (type: InquiryEventType): boolean => OVERVIEW_CHANGES.has(type);
