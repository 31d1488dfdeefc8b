import type { NoticeRequest } from '../../../src/domain/deadline-notices.js';
import { eventually } from '../../support/app.js';
import type { CastName } from '../cast.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { OWNER_ACTIONS } from './inquiry.js';
import { ownedBy } from './support.js';

type Owned = { inquiryId: string };

/** Tuesday 13:30: ona's first reply (due Tuesday 09:00) has been overdue for more than 4 office hours. */
const STILL_OVERDUE = '2027-03-02T13:30:00+02:00';
/** Monday 12:00: two office hours after the unclaimed nudge (10:00). */
const STILL_UNCLAIMED = '2027-03-01T12:00:00+02:00';

/** The deadline job's own request, as stored for the inquiry: the due time it was scheduled for. */
async function scheduled(world: World, inquiryId: string, deadline: 'first_reply' | 'claim'): Promise<NoticeRequest> {
  const dueAt = await eventually(async () => {
    const [job] = await world.app.dataSource.query(
      `SELECT due_at AS due FROM notice_schedule WHERE inquiry_id = $1 AND deadline = $2 AND stage = 'escalate'`,
      [inquiryId, deadline],
    );
    expect(job).toBeDefined();
    return new Date(job.due);
  });
  return { inquiryId, deadline, stage: 'escalate', dueAt };
}

/** R14.reply-1wd: the reply is still overdue some office hours on — as the deadline job would, at its time. */
export async function stillOverdue(world: World, { inquiryId }: Owned): Promise<void> {
  const request = await scheduled(world, inquiryId, 'first_reply');
  world.clock.set(STILL_OVERDUE);
  await world.app.notices.notify(request);
}

/** R4.owner: nobody claimed it after the nudge either. */
async function stillUnclaimed(world: World, { inquiryId }: Owned): Promise<void> {
  const request = await scheduled(world, inquiryId, 'claim');
  world.clock.set(STILL_UNCLAIMED);
  await world.app.notices.notify(request);
}

const overdueOf = (owner: CastName) => async (world: World): Promise<Owned> => ownedBy(world, owner);
const fresh = async (world: World): Promise<Owned> => ({ inquiryId: (await world.newInquiry()).id });
const OWNER_ACTIONS_UNREPLIED = OWNER_ACTIONS;

/**
 * The clicked DM shows what was done, its buttons gone (nobody decides twice): Slack keeps the message and puts the
 * outcome in place of its buttons (so it still reads as the notice); Teams replaces the card with the outcome.
 */
export const shownInPlace = (who: CastName, notice: string, outcome: string, platform: string) =>
  [platform === 'slack' ? `dm:${who} update ${notice} []` : `dm:${who} update ${outcome} []`];

/**
 * Nothing stalls unseen (issue #13): a handover tells both people and the thread; a reply still overdue goes to the
 * owner's direct manager; an inquiry still unclaimed to the manager on duty (every active manager, none being set).
 * Each row lists everything a platform shows, so whoever is not listed is not told.
 */
export const stallRows: Scenario[] = [
  {
    id: 'H01',
    title: 'R4.owner: vida hands ona’s inquiry to jonas → the card shows him, jonas is DMed with Open, ona is told, the thread says from whom to whom; vida and the rest not told',
    given: overdueOf('ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.handOver(inquiryId, world.staff.vida.id, world.staff.jonas.id);
    },
    expect: [
      `announcement update inquiry.card [${OWNER_ACTIONS}]`,
      'dm:jonas post notice.handed_over.to_you [open]',
      'dm:ona post notice.handed_over.from_you []',
      'thread post notice.handed_over.thread []',
    ],
  },
  {
    id: 'H02',
    title: 'R4.owner: ona hands her own inquiry to petras (Slack only) → Slack DMs petras; both threads are told; ona (who acted) is not',
    given: overdueOf('ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.handOver(inquiryId, world.staff.ona.id, world.staff.petras.id);
    },
    expect: (_context, platform) => [
      `announcement update inquiry.card [${OWNER_ACTIONS}]`,
      ...(platform === 'slack' ? ['dm:petras post notice.handed_over.to_you [open]'] : []),
      'thread post notice.handed_over.thread []',
    ],
  },
  {
    id: 'H03',
    title: 'R4.owner: handing it to its owner again changes nothing → nobody is told',
    given: overdueOf('ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.handOver(inquiryId, world.staff.vida.id, world.staff.ona.id);
    },
    expect: [],
  },
  {
    id: 'O01',
    title: 'R14.reply-1wd / R4.owner: ona’s reply still overdue 4 office hours on → vida (her manager) DMed with Take over, Hand over, Open; ona, the thread and the channel not told',
    given: overdueOf('ona'),
    when: stillOverdue,
    expect: ['dm:vida post notice.overdue_escalated.first_reply [hand_over open take_over]'],
  },
  {
    id: 'O02',
    title: 'R14.reply-1wd: the escalation job runs again (a retry, a second instance) → nobody is told twice',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await stillOverdue(world, owned);
      return owned;
    },
    when: stillOverdue,
    expect: [],
  },
  {
    id: 'O03',
    title: 'R14.reply-1wd: answered before the escalation is due → nobody is told',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await scheduled(world, owned.inquiryId, 'first_reply');
      return owned;
    },
    when: async (world, { inquiryId }: Owned) => {
      const request = await scheduled(world, inquiryId, 'first_reply');
      await world.app.inquiries.recordFirstReply(inquiryId, world.staff.ona.id);
      await world.settle();
      world.clock.set(STILL_OVERDUE);
      expect(await world.app.notices.notify(request)).toEqual({ outcome: 'stale' });
    },
    // Only the card of the reply itself (L07), no escalation.
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS.replace(' mark_replied', '')}]`],
  },
  {
    id: 'O04',
    title: 'R4.owner (D18): giedrius’s manager marius is on Teams only → Teams DMs him; Slack tells nobody',
    given: overdueOf('giedrius'),
    when: stillOverdue,
    expect: (_context, platform) => (platform === 'teams' ? ['dm:marius post notice.overdue_escalated.first_reply [hand_over open take_over]'] : []),
  },
  {
    id: 'O05',
    title: 'R4.owner (D1): simona’s manager tomas is inactive → the admins (ada, aldona) with Hand over and Open; tomas and simona not told',
    given: overdueOf('simona'),
    when: stillOverdue,
    expect: ['dm:ada post notice.overdue_escalated.no_manager [hand_over open]', 'dm:aldona post notice.overdue_escalated.no_manager [hand_over open]'],
  },
  {
    id: 'O06',
    title: 'R4.owner: vida presses Take over in that DM → she owns it: the card shows her, ona is told, the thread says so; vida’s DM shows what she did',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await stillOverdue(world, owned);
      return owned;
    },
    when: (_world, { inquiryId }: Owned, driver) => driver.press({ by: 'vida', action: 'take_over', inquiryId, dmOf: 'vida' }),
    expect: (_context, platform) => [
      `announcement update inquiry.card [${OWNER_ACTIONS_UNREPLIED}]`,
      'dm:ona post notice.handed_over.from_you []',
      'thread post notice.handed_over.thread []',
      ...shownInPlace('vida', 'notice.overdue_escalated.first_reply', 'reply.taken_over', platform),
    ],
  },
  {
    id: 'O07',
    title: 'R4.owner: jonas (no manager) presses Take over in vida’s DM (a forwarded click) → only jonas is told, privately; ona keeps it',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await stillOverdue(world, owned);
      return owned;
    },
    when: (_world, { inquiryId }: Owned, driver) => driver.press({ by: 'jonas', action: 'take_over', inquiryId, dmOf: 'vida' }),
    expect: ['private:jonas post error.INQUIRY.NOT_OWNER []'],
  },
  {
    id: 'U01',
    title: 'R4.owner: still unclaimed after the nudge → every active manager this platform reaches (vida; karolis on Slack, marius on Teams) DMed with Claim, Hand over, Open; inactive tomas, the channel and staff not told',
    given: fresh,
    when: stillUnclaimed,
    expect: (_context, platform) => [
      'dm:vida post notice.unclaimed_escalated [claim hand_over open]',
      platform === 'slack' ? 'dm:karolis post notice.unclaimed_escalated [claim hand_over open]' : 'dm:marius post notice.unclaimed_escalated [claim hand_over open]',
    ],
  },
  {
    id: 'U02',
    title: 'R4.owner: claimed before the second interval → the manager on duty is not told',
    given: async (world) => {
      const { inquiryId } = await fresh(world);
      const request = await scheduled(world, inquiryId, 'claim');
      await world.app.inquiries.claim(inquiryId, world.staff.ona.id);
      return { inquiryId, request };
    },
    when: async (world, { request }: Owned & { request: NoticeRequest }) => {
      world.clock.set(STILL_UNCLAIMED);
      expect(await world.app.notices.notify(request)).toEqual({ outcome: 'stale' });
    },
    expect: [],
  },
  {
    id: 'U03',
    title: 'R4.owner: vida presses Claim in her DM → she owns it: the card shows her, her DM shows it is hers, the other manager’s DM says she took it (no Claim left there); nobody else is told',
    given: async (world) => {
      const context = await fresh(world);
      await stillUnclaimed(world, context);
      return context;
    },
    when: (_world, { inquiryId }: Owned, driver) => driver.press({ by: 'vida', action: 'claim', inquiryId, dmOf: 'vida' }),
    expect: (_context, platform) => [
      `announcement update inquiry.card [${OWNER_ACTIONS}]`,
      ...shownInPlace('vida', 'notice.unclaimed_escalated', 'reply.claimed', platform),
      `dm:${platform === 'slack' ? 'karolis' : 'marius'} update notice.unclaimed_escalated []`,
    ],
  },
  {
    id: 'U04',
    title: 'R4.owner: ona claims it from the card after the managers were told → both managers’ DMs say she took it, without Claim; ona is not DMed',
    given: async (world) => {
      const context = await fresh(world);
      await stillUnclaimed(world, context);
      return context;
    },
    when: (_world, { inquiryId }: Owned, driver) => driver.click({ by: 'ona', action: 'claim', inquiryId }),
    // A Teams invoke is answered with the clicked card as it now is, before the notices update it for everyone.
    expect: (_context, platform) => [
      `announcement update inquiry.card [${OWNER_ACTIONS}]`,
      ...(platform === 'teams' ? [`announcement update inquiry.card [${OWNER_ACTIONS}]`] : []),
      'dm:vida update notice.unclaimed_escalated []',
      `dm:${platform === 'slack' ? 'karolis' : 'marius'} update notice.unclaimed_escalated []`,
    ],
  },
];
