import type { CastName } from '../cast.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { OWNER_ACTIONS, OWNER_ACTIONS_REPLIED } from './inquiry.js';
import { stillOverdue } from './stalls.js';
import { ownedBy } from './support.js';

type Owned = { inquiryId: string };

/** Ona's inquiry, and the reminder about its reply DMed to her with Mark replied. */
async function reminded(world: World): Promise<Owned> {
  const owned = await ownedBy(world, 'ona');
  const { inquiry } = await world.app.queries.get(owned.inquiryId);
  await world.app.notices.notify({ inquiryId: owned.inquiryId, deadline: 'first_reply', stage: 'reminder', dueAt: inquiry.firstReplyDue });
  return owned;
}

/** Ona's inquiry with an agreed call, and its reminder DMed to her with Log call (R29.agreed-time). */
async function callReminded(world: World): Promise<Owned> {
  const owned = await ownedBy(world, 'ona');
  const at = new Date('2027-03-02T11:00:00+02:00');
  await world.app.calls.scheduleCall(owned.inquiryId, world.staff.ona.id, { at, plan: 'Paaiškinti eilės tvarką' });
  const outcome = await world.app.notices.notify({ inquiryId: owned.inquiryId, deadline: 'call', stage: 'reminder', dueAt: at });
  if (outcome.outcome !== 'sent') throw new Error(`call reminder ${outcome.outcome}`);
  return owned;
}

/** `owner`'s inquiry whose reply went up, still overdue, to their manager (or to the admins when none is reachable). */
const wentUp = (owner: CastName) => async (world: World): Promise<Owned> => {
  const owned = await ownedBy(world, owner);
  await stillOverdue(world, owned);
  return owned;
};

/** What the handover itself shows (H01): the card, the new owner's DM, the previous owner told, the thread. */
const HANDED_TO_JONAS = [
  `announcement update inquiry.card [${OWNER_ACTIONS}]`,
  'dm:jonas post notice.handed_over.to_you [open]',
  'dm:ona post notice.handed_over.from_you []',
  'thread post notice.handed_over.thread []',
];
/** The manager's "still overdue" DM, updated in place: its Take over / Hand over gone, what happened said instead. */
const VIDAS_DM_SETTLED = (outcome: 'replied' | 'owner') => `dm:vida update notice.overdue_escalated.first_reply [] +notice.overdue_escalated.settled.${outcome}`;

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
  // The manager's "still overdue" DM (Take over / Hand over) gives way once the reply is sent or the inquiry is someone's.
  {
    id: 'O08',
    title: 'R14.reply-1wd / R4.owner: ona answers after her reply went up to vida → vida’s "still overdue" DM says it is answered, Take over and Hand over gone; nobody else is told',
    given: wentUp('ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.recordFirstReply(inquiryId, world.staff.ona.id);
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS_REPLIED}]`, VIDAS_DM_SETTLED('replied')],
  },
  {
    id: 'O09',
    title: 'R4.owner: vida hands it on to jonas (the Hand over form) → the handover as H01, and vida’s "still overdue" DM says jonas has it, its buttons gone',
    given: wentUp('ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.handOver(inquiryId, world.staff.vida.id, world.staff.jonas.id);
    },
    expect: [...HANDED_TO_JONAS, VIDAS_DM_SETTLED('owner')],
  },
  {
    id: 'O10',
    title: 'R4.owner (D1): simona’s went up to the admins (her manager tomas is inactive); she answers → ada’s and aldona’s DMs say so, Hand over gone; tomas not told',
    given: wentUp('simona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.recordFirstReply(inquiryId, world.staff.simona.id);
    },
    expect: [
      `announcement update inquiry.card [${OWNER_ACTIONS_REPLIED}]`,
      'dm:ada update notice.overdue_escalated.no_manager [] +notice.overdue_escalated.settled.replied',
      'dm:aldona update notice.overdue_escalated.no_manager [] +notice.overdue_escalated.settled.replied',
    ],
  },
  {
    id: 'O11',
    title: 'R4.owner: ona releases it after it went up → the card offers Claim; vida’s DM keeps Take over (still what it needs); nobody is DMed',
    given: wentUp('ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.release(inquiryId, world.staff.ona.id);
    },
    expect: ['announcement update inquiry.card [claim open]'],
  },
  {
    id: 'O12',
    title: 'R4.owner: released after it went up, jonas claims it → vida’s "still overdue" DM says jonas has it, its buttons gone; jonas is not DMed',
    given: async (world) => {
      const owned = await wentUp('ona')(world);
      await world.app.inquiries.release(owned.inquiryId, world.staff.ona.id);
      return owned;
    },
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.claim(inquiryId, world.staff.jonas.id);
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS}]`, VIDAS_DM_SETTLED('owner')],
  },
  {
    id: 'O13',
    title: 'R4.owner: admin ada assigns it to vida after it went up to her → vida is DMed it is hers, ona told, the thread says so; vida’s "still overdue" DM says she has it, its buttons gone',
    given: wentUp('ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.handOver(inquiryId, world.staff.ada.id, world.staff.vida.id);
    },
    expect: [
      `announcement update inquiry.card [${OWNER_ACTIONS}]`,
      'dm:vida post notice.handed_over.to_you [open]',
      'dm:ona post notice.handed_over.from_you []',
      'thread post notice.handed_over.thread []',
      VIDAS_DM_SETTLED('owner'),
    ],
  },
  // The previous owner's nudges (Mark replied, Log call) give way on a handover or a release.
  {
    id: 'H04',
    title: 'R4.owner: vida hands ona’s reminded inquiry to jonas → the handover as H01, and ona’s reminder says jonas has it now (Open only, no Mark replied)',
    given: reminded,
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.handOver(inquiryId, world.staff.vida.id, world.staff.jonas.id);
    },
    expect: [...HANDED_TO_JONAS, 'dm:ona update notice.deadline_moved.handed_over [open]'],
  },
  {
    id: 'H05',
    title: 'R4.owner: ona releases her reminded inquiry → the card offers Claim; her reminder says it went back to the queue (Open only); nobody else is told',
    given: reminded,
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.release(inquiryId, world.staff.ona.id);
    },
    expect: ['announcement update inquiry.card [claim open]', 'dm:ona update notice.deadline_moved.released [open]'],
  },
  {
    id: 'H06',
    title: 'R29.agreed-time / R4.owner: vida takes over ona’s inquiry after ona’s call reminder → ona is told, and her reminder loses Log call (Open only); vida not DMed',
    given: callReminded,
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.handOver(inquiryId, world.staff.vida.id, world.staff.vida.id);
    },
    expect: [
      `announcement update inquiry.card [${OWNER_ACTIONS}]`,
      'dm:ona post notice.handed_over.from_you []',
      'thread post notice.handed_over.thread []',
      'dm:ona update notice.deadline_moved.handed_over [open]',
    ],
  },
];
