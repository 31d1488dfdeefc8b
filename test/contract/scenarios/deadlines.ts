import type { Scenario } from '../scenario.js';
import { answeredBy, ownedBy, ownedByInactive } from './support.js';

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
    expect: ['dm:ona post notice.overdue.first_reply [mark_replied open]', 'thread post notice.overdue.first_reply []', 'announcement update inquiry.card [escalate external_step holding_reply log_call mark_replied open plan_meeting record_progress release resolve schedule_call write_letter]'],
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
];
