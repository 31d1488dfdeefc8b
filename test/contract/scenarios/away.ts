import { STAFF_AWAY_ALERTS_JOB } from '../../../src/jobs/staff-away-alerts.job.js';
import { TypeormAbsenceNews } from '../../../src/persistence/staff-absences.typeorm.js';
import { eventually } from '../../support/app.js';
import type { CastName } from '../cast.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { clientWrites, ownedBy } from './support.js';

/*
 * R4.owner, away with cover, on both platforms (plan §6.3): ona marks herself away with jonas covering; vida, their
 * manager, is told. While ona is away her reminders (R14.reply-1wd) and the client's new messages reach jonas with
 * "covering for Ona"; ona is not DMed. `staff back` ends it.
 */
type Owned = { inquiryId: string };

/** Runs the staff-away alert job now and waits until both platforms have told every change. */
async function tellManagers(world: World): Promise<void> {
  await world.app.scheduler.now(STAFF_AWAY_ALERTS_JOB);
  const news = new TypeormAbsenceNews(world.app.dataSource);
  await eventually(async () => {
    expect(await news.untold('slack', 100, world.clock.now())).toEqual([]);
    expect(await news.untold('teams', 100, world.clock.now())).toEqual([]);
  });
}

/** Slack acks a command before carrying it out: waits until ona's absence is marked (`true`) or ended (`false`). */
async function onaAway(world: World, marked: boolean): Promise<void> {
  await eventually(async () => {
    const [row] = await world.app.dataSource.query('SELECT count(*)::int AS n FROM staff_absences WHERE staff_id = $1 AND ended_at IS NULL AND ends_at > $2', [world.staff.ona.id, world.clock.now()]);
    expect(row.n > 0).toBe(marked);
  });
}

/** Nobody in the cast is away, and every earlier change was told: rows start from a quiet directory. */
async function nobodyAway(world: World): Promise<void> {
  for (const name of ['ona', 'jonas'] as const) await world.app.absences.back(world.staff[name].id, world.staff[name].id).catch(() => undefined);
  await tellManagers(world);
}

/** `away` marks herself away this week with `substitute` covering, and the manager has heard it already. */
async function away(world: World, name: CastName = 'ona', substitute: CastName = 'jonas'): Promise<void> {
  await nobodyAway(world);
  await world.app.absences.setAway(world.staff[name].id, world.staff[name].id, { from: '2027-03-01', to: '2027-03-05', substituteId: world.staff[substitute].id });
  await tellManagers(world);
}

const reminder = async (world: World, { inquiryId }: Owned) => {
  const { inquiry } = await world.app.queries.get(inquiryId);
  await world.app.notices.notify({ inquiryId, deadline: 'first_reply', stage: 'reminder', dueAt: inquiry.firstReplyDue });
};

export const awayRows: Scenario[] = [
  {
    id: 'W01',
    title: 'R4.owner: ona types `staff away 2027-03-01 2027-03-05 @jonas` → privately confirmed; vida (her manager) is DMed who is away and who covers; not ona, not jonas',
    given: nobodyAway,
    when: async (world, _context, driver) => {
      await driver.command('ona', 'staff away 2027-03-01 2027-03-05 @jonas');
      await onaAway(world, true);
      await tellManagers(world);
    },
    expect: ['private:ona post reply.away_set []', 'dm:vida post notice.staff_away []'],
  },
  {
    id: 'W02',
    title: 'R4.owner / R14.reply-1wd: the reply reminder of away ona goes to jonas, covering for ona; ona is NOT DMed',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await away(world);
      return owned;
    },
    when: reminder,
    expect: ['dm:jonas post notice.reminder.first_reply [mark_replied open] +notice.covering_for'],
  },
  {
    id: 'W03',
    title: 'R4.owner / R14.reply-1wd: the client writes on away ona’s inquiry → jonas is DMed, covering for ona; ona is NOT DMed, no thread',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await away(world);
      return owned;
    },
    when: (world, { inquiryId }: Owned) => clientWrites(world, inquiryId),
    expect: ['dm:jonas post notice.client_message [open] +notice.covering_for'],
  },
  {
    id: 'W04',
    title: 'R4.owner: ona types `staff back` → privately confirmed; vida is DMed that she is back; jonas is not told',
    given: (world) => away(world),
    when: async (world, _context, driver) => {
      await driver.command('ona', 'staff back');
      await onaAway(world, false);
      await tellManagers(world);
    },
    expect: ['private:ona post reply.back []', 'dm:vida post notice.staff_back []'],
  },
  {
    id: 'W05',
    title: 'R4.owner / R14.reply-1wd: once ona is back, her reminder reaches her again; jonas is NOT DMed',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await away(world);
      await world.app.absences.back(world.staff.ona.id, world.staff.ona.id);
      await tellManagers(world);
      return owned;
    },
    when: reminder,
    expect: ['dm:ona post notice.reminder.first_reply [mark_replied open]'],
  },
  {
    id: 'W06',
    title: 'R4.owner: `staff away … @ona` by ona herself → refused privately with the reason; nobody is told, nothing is routed',
    given: nobodyAway,
    when: async (world, _context, driver) => {
      await driver.command('ona', 'staff away 2027-03-01 2027-03-05 @ona');
      await tellManagers(world);
    },
    expect: ['private:ona post error.ABSENCE.SUBSTITUTE_SELF []'],
  },
];
