import { eventually } from '../../support/app.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { OWNER_ACTIONS } from './inquiry.js';

type Fresh = { inquiryId: string };

const fresh = async (world: World): Promise<Fresh> => ({ inquiryId: (await world.newInquiry()).id });

/** R4.owner: the claim window ran out — as the deadline job would, at the due time it was scheduled for. */
async function claimWindowOver(world: World, { inquiryId }: Fresh): Promise<void> {
  const dueAt = await eventually(async () => {
    const [job] = await world.app.dataSource.query(`SELECT due_at AS due FROM notice_schedule WHERE inquiry_id = $1 AND deadline = 'claim' LIMIT 1`, [inquiryId]);
    expect(job).toBeDefined();
    return new Date(job.due);
  });
  await world.app.notices.notify({ inquiryId, deadline: 'claim', stage: 'overdue', dueAt });
}

/** The "nobody has claimed it" nudge (issue #13: nothing stalls unseen), the same on both platforms. */
export const unclaimedRows: Scenario[] = [
  {
    id: 'D04',
    title: 'R4.owner: nobody claimed it in time → the card is shown again and a nudge in the channel itself offers Claim and Open; nobody is DMed',
    given: fresh,
    when: claimWindowOver,
    expect: ['announcement update inquiry.card [claim open]', 'channel post notice.unclaimed [claim open]'],
  },
  {
    id: 'D04b',
    title: 'R4.owner: ona claims after the nudge → the card shows her, the nudge gives way to who took it (no Claim left to press); nobody else is told',
    given: async (world) => {
      const context = await fresh(world);
      await claimWindowOver(world, context);
      return context;
    },
    when: async (world, { inquiryId }: Fresh) => {
      await world.app.inquiries.claim(inquiryId, world.staff.ona.id);
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS}]`, 'channel update notice.unclaimed []'],
  },
];
