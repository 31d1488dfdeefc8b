import type { Scenario } from '../scenario.js';
import { OWNER_ACTIONS } from './inquiry.js';
import { ownedBy } from './support.js';

type Owned = { inquiryId: string };

/** Clicks the core carries out (src/bot/core/interactions): the same decision, each platform's own rendering. */
export const clickRows: Scenario[] = [
  {
    id: 'L04',
    title: 'R4.owner: ona clicks Claim again on the card as first shown (a retry) → nothing changes, nobody is told, no refusal',
    given: (world) => ownedBy(world, 'ona'),
    when: (_world, { inquiryId }: Owned, driver) => driver.click({ by: 'ona', action: 'claim', inquiryId }),
    // The core answers it like a first claim on both: the clicked card shows the inquiry as it is. On Slack that
    // card is the channel's one message, already current (the notices keep it so): nothing is sent. A Teams
    // invoke must be answered with a card: the current one, for ona alone — the same card, nothing new.
    expect: (_context, platform) => (platform === 'teams' ? [`announcement update inquiry.card [${OWNER_ACTIONS}]`] : []),
  },
  {
    id: 'L05b',
    title: 'R4.owner: jonas (not the owner, no manager) picks Release on ona’s card → only jonas is told, privately; ona keeps it',
    given: (world) => ownedBy(world, 'ona'),
    when: (_world, { inquiryId }: Owned, driver) => driver.press({ by: 'jonas', action: 'release', inquiryId }),
    // Slack: Release is an option of the card's menu, which re-renders the card unchanged to show the menu unset.
    expect: (_context, platform) => [
      'private:jonas post error.INQUIRY.NOT_OWNER []',
      ...(platform === 'slack' ? [`announcement update inquiry.card [${OWNER_ACTIONS}]`] : []),
    ],
  },
  {
    id: 'E12',
    title: 'R54.escalate-unresolved: jonas (not the manager it went to) clicks Acknowledge on vida’s escalation → only jonas is told, privately',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await world.app.escalations.raise(owned.inquiryId, world.staff.ona.id, { type: 'incident', whatHappened: 'Klientas grasino darbuotojai', clientToldWhat: 'Kad perduosime vadovei' });
      return owned;
    },
    when: (_world, { inquiryId }: Owned, driver) => driver.press({ by: 'jonas', action: 'escalation.acknowledge', inquiryId, dmOf: 'vida' }),
    expect: ['private:jonas post error.ESCALATION.NOT_RECIPIENT []'],
  },
  {
    id: 'E12b',
    title: 'R58.incident: ona (who raised it) clicks Refer to head on vida’s escalation → only ona is told, privately; nothing is referred',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await world.app.escalations.raise(owned.inquiryId, world.staff.ona.id, { type: 'incident', whatHappened: 'Klientas grasino darbuotojai', clientToldWhat: 'Kad perduosime vadovei' });
      return owned;
    },
    when: (_world, { inquiryId }: Owned, driver) => driver.press({ by: 'ona', action: 'escalation.refer_to_head', inquiryId, dmOf: 'vida' }),
    expect: ['private:ona post error.ESCALATION.NOT_RECIPIENT []'],
  },
];
