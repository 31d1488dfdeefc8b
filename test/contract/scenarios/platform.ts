import { MAIL_INTAKE_ALERTS_JOB } from '../../../src/jobs/mail-intake-alerts.job.js';
import { eventually } from '../../support/app.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';

let uid = 9_000;

/** Records an e-mail the intake gave up on, as the IMAP poller does (no personal data in the row). */
async function unregisteredMail(world: World): Promise<{ uid: number }> {
  uid += 1;
  await world.app.dataSource.query(
    `INSERT INTO mail_intake_failures (mailbox, uid_validity, uid, message_id_hash, reason) VALUES ('INBOX', '1', $1, 'hash', 'INPUT.INVALID')`,
    [uid],
  );
  return { uid };
}

/** Runs the alert job now and waits until every platform has told it. */
async function alertRun(world: World, failure: { uid: number }): Promise<void> {
  await world.app.scheduler.now(MAIL_INTAKE_ALERTS_JOB);
  await eventually(async () => {
    const [row] = await world.app.dataSource.query(`SELECT told_on FROM mail_intake_failures WHERE uid = $1`, [failure.uid]);
    expect([...row.told_on].sort()).toEqual(['slack', 'teams']);
  });
}

export const platformRows: Scenario[] = [
  {
    id: 'P01',
    title: 'the app joins the staff channel (Slack: invited; Teams: added to the team) → the channel is welcomed with what it is for, who can use it (staff in the directory; managers, the head, admins) and how to ask for help; nobody is DMed',
    given: async () => ({}),
    when: async (_world, _context, driver) => driver.install('aldona'),
    expect: ['channel post notice.welcome [] +notice.welcome.who'],
  },
  {
    id: 'M07',
    title: 'R12.records: an e-mail the intake could not register → each admin (ada, aldona) is DMed, without the message’s words; nobody else',
    given: unregisteredMail,
    when: alertRun,
    expect: ['dm:ada post notice.mail_unregistered []', 'dm:aldona post notice.mail_unregistered []'],
  },
];
