import type { Scenario } from '../scenario.js';
import { OWNER_ACTIONS_REPLIED } from './inquiry.js';
import { answeredBy, consumersOf, ownedBy, ownedByInactive, timelineCount } from './support.js';

type Owned = { inquiryId: string };

const firstReply = (stage: 'reminder' | 'overdue') => async (world: Parameters<Scenario['when']>[0], { inquiryId }: Owned) => {
  const { inquiry } = await world.app.queries.get(inquiryId);
  if (stage === 'overdue') world.clock.set('2027-03-02T09:30:00+02:00');
  await world.app.notices.notify({ inquiryId, deadline: 'first_reply', stage, dueAt: inquiry.firstReplyDue });
};

export const deadlineRows: Scenario[] = [
  {
    id: 'D01',
    title: 'R14.reply-1wd: before the reply deadline the owner is DMed with Mark replied and Open; nobody else',
    given: (world) => ownedBy(world, 'ona'),
    when: firstReply('reminder'),
    expect: ['dm:ona post notice.reminder.first_reply [mark_replied open]'],
  },
  {
    id: 'D02',
    title: 'R14.reply-1wd: once the reply is marked, the old reply reminder is stale: nobody is nudged',
    given: (world) => answeredBy(world, 'ona'),
    when: firstReply('reminder'),
    expect: [],
  },
  {
    id: 'D03',
    title: 'R14.reply-1wd: at the deadline the owner is DMed, the thread is told and the announcement turns overdue',
    given: (world) => ownedBy(world, 'ona'),
    when: firstReply('overdue'),
    expect: ['dm:ona post notice.overdue.first_reply [mark_replied open]', 'thread post notice.overdue.first_reply []', 'announcement update inquiry.card [escalate external_step hand_over holding_reply log_call mark_replied open plan_meeting record_progress release resolve schedule_call write_letter]'],
  },
  {
    id: 'D07',
    title: 'R14.reply-1wd: rasa (Teams only) is reminded on Teams; Slack, where she has no account, stays silent',
    given: (world) => ownedBy(world, 'rasa'),
    when: firstReply('reminder'),
    expect: (_context, platform) => (platform === 'teams' ? ['dm:rasa post notice.reminder.first_reply [mark_replied open]'] : []),
  },
  {
    id: 'D07b',
    title: 'R14.reply-1wd: petras (Slack only) is reminded on Slack; Teams stays silent',
    given: (world) => ownedBy(world, 'petras'),
    when: firstReply('reminder'),
    expect: (_context, platform) => (platform === 'slack' ? ['dm:petras post notice.reminder.first_reply [mark_replied open]'] : []),
  },
  {
    id: 'D06',
    title: 'R4.owner / R14.reply-1wd: a reminder for an inactive owner (ieva) reaches nobody',
    drift: 'D1',
    given: (world) => ownedByInactive(world, 'ieva'),
    when: firstReply('reminder'),
    expect: [],
  },
  {
    id: 'D11',
    title: 'R14.holding-reply: the promised date moves the deadlines (`deadlines_changed`) → only the scheduler hears of it; chat shows just the card of the holding reply',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      const before = await timelineCount(world, inquiryId, 'deadlines_changed');
      await world.app.inquiries.sendHoldingReply(inquiryId, world.staff.ona.id, new Date('2027-03-10T12:00:00+02:00'));
      // It did happen (the timeline has one more), and it was written for the scheduler alone: no platform's lane is handed it.
      expect(await timelineCount(world, inquiryId, 'deadlines_changed')).toBe(before + 1);
      expect(await consumersOf(world, inquiryId, 'deadlines_changed')).toEqual(['scheduler']);
    },
    // holding_reply_sent's own notice (L09); deadlines_changed adds nothing to it.
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS_REPLIED}]`],
  },
];
