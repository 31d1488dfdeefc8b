import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { OWNER_ACTIONS_REPLIED } from './inquiry.js';
import { ownedBy } from './support.js';

type Owned = { inquiryId: string };

/** Ona's inquiry, and the reminder about its reply DMed to her with Mark replied. */
async function reminded(world: World): Promise<Owned> {
  const owned = await ownedBy(world, 'ona');
  const { inquiry } = await world.app.queries.get(owned.inquiryId);
  await world.app.notices.notify({ inquiryId: owned.inquiryId, deadline: 'first_reply', stage: 'reminder', dueAt: inquiry.firstReplyDue });
  return owned;
}

/** Issue #13: no stale views — a DM whose button the state has moved past says so in its place. */
export const metRows: Scenario[] = [
  {
    id: 'D12',
    title: 'R14.reply-1wd: ona answers after her reminder → the card drops Mark replied and her reminder DM says it is done (Open only); nobody else is told',
    given: reminded,
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.recordFirstReply(inquiryId, world.staff.ona.id);
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS_REPLIED}]`, 'dm:ona update notice.deadline_met.first_reply [open]'],
  },
];
