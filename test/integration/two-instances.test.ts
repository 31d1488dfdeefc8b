import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import { encodedWord, rfc822 } from '../mail/rfc822.js';
import { FakeSlackApi } from '../slack/support/fake-slack-api.js';
import { blockAction, menuChoice, text, viewSubmission, when } from '../slack/support/payloads.js';
import { postInteraction, SIGNING_SECRET } from '../slack/support/signed-requests.js';
import { cardAction, installedInTeam, postActivity, TEAM_ID, teamsUser, type TeamsUser } from '../teams/support/activities.js';
import { cardsIn, cardText } from '../teams/support/cards.js';
import { FakeConnector } from '../teams/support/connector.js';
import { eventually } from '../support/app.js';
import { importStaff, startAppProcess, type AppProcess } from '../support/app-process.js';
import { postWebForm, webFormFields } from '../support/web-form.js';
import { createTestDatabase, freePort, type TestDatabase } from '../support/database.js';
import { startDovecot, type TestMailbox } from '../support/dovecot.js';
import { availability, describeWith, DOVECOT } from '../support/system-programs.js';

/**
 * Two real `node dist/main.js` processes on one PostgreSQL database, as behind a load balancer (docs/operations.md):
 * Slack over HTTP and Teams on both, requests spread over both, both running the outbox, the scheduler and the
 * mailbox. What staff see must be what one instance would show: each thing told once, to the right person.
 */

const STAFF_CHANNEL = 'C0STAFF01';

interface Person {
  firstName: string;
  surname: string;
  email: string;
  slackUserId: string;
  teams: TeamsUser;
}

const person = (n: number, firstName: string, surname: string, slackUserId: string): Person => ({
  firstName,
  surname,
  email: `${firstName.toLowerCase()}@daigelis.lt`.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
  slackUserId,
  teams: teamsUser(`${firstName} ${surname}`, n),
});

const STAFF = [
  person(1, 'Vida', 'Vadovė', 'UVIDA0001'),
  person(2, 'Ona', 'Onaitė', 'UONA00001'),
  person(3, 'Jonas', 'Jonaitis', 'UJONAS001'),
  person(4, 'Rasa', 'Rasaitė', 'URASA0001'),
  person(5, 'Petras', 'Petraitis', 'UPETRAS01'),
  person(6, 'Lina', 'Linaitė', 'ULINA0001'),
  person(7, 'Tomas', 'Tomaitis', 'UTOMAS001'),
  person(8, 'Eglė', 'Eglaitė', 'UEGLE0001'),
];
const [vida, ona, jonas, rasa] = STAFF as [Person, Person, Person, Person];

let database: TestDatabase;
let db: pg.Pool;
let slack: FakeSlackApi;
let connector: FakeConnector;
let mailbox: TestMailbox | null = null;
let workDir: string;
const instances: AppProcess[] = [];
let a: AppProcess;
let b: AppProcess;

const withMailbox = availability(DOVECOT).present;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'langelis-two-instances-'));
  database = await createTestDatabase();
  db = new pg.Pool({ connectionString: database.url, max: 3 });
  slack = await new FakeSlackApi().start();
  connector = await new FakeConnector().start();
  connector.roster = STAFF.map((member) => member.teams);
  if (withMailbox) mailbox = await startDovecot();

  // Only environment variables, the same for both but the port: what an operator puts behind a load balancer.
  const shared = {
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SLACK_BOT_TOKEN: 'xoxb-two-instances',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
    SLACK_API_URL: slack.apiUrl,
    TEAMS_EMULATOR: 'true',
    // R29.agreed-time with a one-minute lead, so a call agreed a little over a minute ahead reminds within seconds.
    CALL_REMINDER_LEAD_MINUTES: '1',
    WEB_FORM_RATE_LIMIT: '100',
    ...(mailbox ? { IMAP_URL: `imap://${mailbox.user}:${mailbox.password}@${mailbox.host}:${mailbox.port}`, IMAP_POLL_SECONDS: '1' } : {}),
  };
  const staffFile = path.join(workDir, 'staff.json');
  await writeFile(
    staffFile,
    JSON.stringify(
      STAFF.map((member, index) => ({
        firstName: member.firstName,
        surname: member.surname,
        email: member.email,
        roles: index === 0 ? ['manager', 'representative'] : ['representative'],
        slackUserId: member.slackUserId,
        teamsUserId: member.teams.aadObjectId,
        ...(index === 0 ? {} : { manager: vida.email }),
      })),
    ),
  );
  // Both start at the same moment on the new database, as an orchestrator starts them (the migrations and agenda's
  // schema take turns under advisory locks); the staff directory is imported meanwhile, as an operator would.
  const started = await Promise.allSettled([
    startAppProcess('instance A', { ...shared, PORT: String(await freePort()) }),
    startAppProcess('instance B', { ...shared, PORT: String(await freePort()) }),
  ]);
  for (const result of started) if (result.status === 'fulfilled') instances.push(result.value);
  for (const result of started) if (result.status === 'rejected') throw result.reason;
  await importStaff(staffFile, { DATABASE_URL: database.url });
  [a, b] = instances as [AppProcess, AppProcess];
  // The app added to the staff team, through A; B learns the staff channel from the database.
  const installed = await postActivity(a.url, installedInTeam(connector.url, vida.teams));
  if (installed.status !== 200) throw new Error(`install answered ${installed.status}`);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(instances.map((instance) => instance.stop()));
  await db?.end();
  await Promise.allSettled([slack?.stop(), connector?.stop(), mailbox?.stop()]);
  await database?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Runs a test body; on failure the error carries the tail of both instances' logs. */
function explained(body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (error) {
      const tails = instances.map((instance) => `----- ${instance.name} (last lines) -----\n${instance.output().split('\n').slice(-60).join('\n')}`);
      if (error instanceof Error) error.message += `\n\n${tails.join('\n')}`;
      throw error;
    }
  };
}

/** Waits for `assertion`, then checks it still holds a while later: nothing is told a second time. */
async function settled(assertion: () => Promise<void> | void): Promise<void> {
  await eventually(assertion, 20_000);
  // Three outbox polls (500 ms) of either instance: a second delivery would have shown by then.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await assertion();
}

const query = async <T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> => (await db.query(sql, params)).rows as T[];

async function inquiryByNumber(registryNumber: string): Promise<{ id: string; owner_id: string | null }> {
  const [row] = await query<{ id: string; owner_id: string | null }>('SELECT id, owner_id FROM inquiries WHERE registry_number = $1', [registryNumber]);
  if (!row) throw new Error(`no inquiry ${registryNumber}`);
  return row;
}

/** Top-level posts in the Slack staff channel that are about `registryNumber` (the announcement cards). */
const slackAnnouncements = (registryNumber: string) =>
  slack.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && !body.thread_ts && JSON.stringify(body).includes(registryNumber));

/** New posts in the Teams staff channel about `registryNumber` (not replies in a card's thread). */
const teamsAnnouncements = (registryNumber: string) =>
  connector.sent(TEAM_ID).filter((call) => cardsIn(call.body).some((card) => cardText(card).includes(registryNumber)));

/** Each registry number is announced exactly once on each platform, in the staff channel. */
async function expectAnnouncedOnce(registryNumbers: string[]): Promise<void> {
  await settled(() => {
    for (const number of registryNumbers) {
      expect([number, slackAnnouncements(number).length, teamsAnnouncements(number).length]).toEqual([number, 1, 1]);
    }
  });
}

async function submitForm(instance: AppProcess, fields: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const response = await postWebForm(instance.url, fields);
  return { status: response.status, body: await response.json() };
}


/** A web-form inquiry registered through `instance`, once both platforms have announced it. */
async function announcedInquiry(instance: AppProcess): Promise<{ id: string; registryNumber: string; slackTs: string; teamsMessageId: string }> {
  const answer = await submitForm(instance, webFormFields());
  expect(answer.status).toBe(201);
  const registryNumber: string = answer.body.registryNumber;
  const { id } = await inquiryByNumber(registryNumber);
  const posts = await eventually(async () => {
    const rows = await query<{ platform: string; message_id: string }>(`SELECT platform, message_id FROM chat_posts WHERE inquiry_id = $1 AND purpose = 'announcement'`, [id]);
    expect(rows.map((row) => row.platform).sort()).toEqual(['slack', 'teams']);
    return Object.fromEntries(rows.map((row) => [row.platform, row.message_id]));
  });
  return { id, registryNumber, slackTs: posts.slack!, teamsMessageId: posts.teams! };
}

const slackClaim = (instance: AppProcess, member: Person, inquiry: { id: string; slackTs: string }) =>
  postInteraction(`${instance.url}/slack/events`, blockAction(member.slackUserId, 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts: inquiry.slackTs }));

const teamsClaim = (instance: AppProcess, member: Person, inquiry: { id: string }) =>
  postActivity(instance.url, cardAction(connector.url, member.teams, 'inquiry.claim', { inquiryId: inquiry.id, view: 'announcement' }));

describe('two instances on one database', () => {
  it('R15.register / R7.channels: a web-form inquiry sent to A, and one form submitted to A and B at once, are each registered once and announced once on Slack and once on Teams', explained(async () => {
    const single = await submitForm(a, webFormFields());
    expect(single.status).toBe(201);

    // A double submit that the load balancer spread over both instances.
    const form = webFormFields();
    const twice = await Promise.all([submitForm(a, form), submitForm(b, form)]);
    expect(twice.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(twice[0]!.body.registryNumber).toBe(twice[1]!.body.registryNumber);
    const [{ count }] = await query(`SELECT count(*)::int AS count FROM inquiries WHERE external_id = $1`, [`web:${form.submissionId}`]);
    expect(count).toBe(1);

    await expectAnnouncedOnce([single.body.registryNumber, twice[0]!.body.registryNumber]);
    // Only the staff channel hears of a new inquiry: nobody gets a direct message about it on either platform.
    for (const number of [single.body.registryNumber, twice[0]!.body.registryNumber]) {
      expect(slack.ok('chat.postMessage', (body) => body.channel !== STAFF_CHANNEL && JSON.stringify(body).includes(number))).toEqual([]);
      expect(connector.sent().filter((call) => call.conversationId !== TEAM_ID && JSON.stringify(call.body).includes(number))).toEqual([]);
    }
  }));

  it('R4.owner: eight Claim clicks racing through both instances, on Slack and on Teams, leave one owner; the seven others are told who won, and each card is updated once', explained(async () => {
    const inquiry = await announcedInquiry(b);
    // Every combination of platform and instance, twice; each person clicks once.
    const clickers = STAFF.map((member, index) => ({ member, instance: index % 2 === 0 ? a : b, platform: index < 4 ? 'slack' as const : 'teams' as const }));
    const answers = await Promise.all(
      clickers.map(({ member, instance, platform }) => (platform === 'slack' ? slackClaim(instance, member, inquiry) : teamsClaim(instance, member, inquiry))),
    );
    for (const answer of answers) expect(answer.status).toBe(200);

    const { owner_id: ownerId } = await inquiryByNumber(inquiry.registryNumber);
    const claims = await query<{ actor_id: string }>(`SELECT actor_id FROM inquiry_timeline WHERE inquiry_id = $1 AND action = 'claimed'`, [inquiry.id]);
    expect(claims).toEqual([{ actor_id: ownerId }]);
    const [owner] = await query<{ first_name: string; surname: string; email: string }>('SELECT first_name, surname, email FROM staff_members WHERE id = $1', [ownerId]);
    const ownerName = `${owner!.first_name} ${owner!.surname}`;
    const winner = clickers.findIndex(({ member }) => member.email === owner!.email);
    expect(winner).toBeGreaterThanOrEqual(0);

    // Teams answers the invoke itself: the winner gets the claimed card, a loser the words naming the winner.
    clickers.forEach(({ platform }, index) => {
      if (platform !== 'teams') return;
      const body = (answers[index] as { body: any }).body;
      if (index === winner) expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      else expect(body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `Užklausos ${inquiry.registryNumber} jau ėmėsi ${ownerName}.` });
    });
    // Slack acks at once and answers privately afterwards: one ephemeral per loser, none for the winner.
    await settled(() => {
      clickers.forEach(({ member, platform }, index) => {
        if (platform !== 'slack') return;
        const told = slack.ok('chat.postEphemeral', (body) => body.user === member.slackUserId).map((body) => body.text);
        expect([member.slackUserId, told]).toEqual([member.slackUserId, index === winner ? [] : [`Užklausos ${inquiry.registryNumber} jau ėmėsi ${ownerName}.`]]);
      });
      // One update per card, and it names the owner: [true].
      expect(slack.ok('chat.update', (body) => body.ts === inquiry.slackTs).map((body) => JSON.stringify(body.blocks).includes(ownerName))).toEqual([true]);
      expect(connector.updates(inquiry.teamsMessageId).map((call) => cardText(cardsIn(call.body)[0]).includes(ownerName))).toEqual([true]);
    });
  }));

  it('R29.agreed-time: calls agreed through both instances for the same minute remind each owner once, on Slack and on Teams, though both instances run the scheduler', explained(async () => {
    const owners = [ona, jonas, rasa];
    const inquiries = await Promise.all(owners.map((_, index) => announcedInquiry(index % 2 === 0 ? a : b)));
    // Claimed by Slack clicks into alternating instances.
    await Promise.all(owners.map((member, index) => slackClaim(index % 2 === 0 ? b : a, member, inquiries[index]!)));
    await eventually(async () => {
      for (const [index, inquiry] of inquiries.entries()) {
        const [row] = await query<{ email: string }>('SELECT s.email FROM inquiries i JOIN staff_members s ON s.id = i.owner_id WHERE i.id = $1', [inquiry.id]);
        expect(row?.email).toBe(owners[index]!.email);
      }
    });

    // The calls are agreed for one moment a little over a minute ahead: the one-minute-lead reminders fall due
    // together within seconds, so both instances' schedulers compete for them.
    const callAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 64_000);
    await Promise.all(owners.map(async (member, index) => {
      const instance = index % 2 === 0 ? a : b;
      const inquiry = inquiries[index]!;
      const events = `${instance.url}/slack/events`;
      await postInteraction(events, menuChoice(member.slackUserId, 'inquiry_more', `schedule_call:${inquiry.id}`, { channel: STAFF_CHANNEL, ts: inquiry.slackTs }));
      const view = await eventually(() => {
        const [opened] = slack.ok('views.open', (body) => body.view.callback_id === 'schedule_call' && body.view.private_metadata.includes(inquiry.id));
        expect(opened).toBeDefined();
        return opened!.view;
      });
      const saved = await postInteraction(events, viewSubmission(member.slackUserId, 'schedule_call', { at: when(callAt), plan: text('Aptarti vietą grupėje') }, JSON.parse(view.private_metadata)));
      // Saved: the modal now says so in place (no DM for a save).
      expect([member.slackUserId, saved.status, (saved.json as { response_action?: string } | undefined)?.response_action]).toEqual([member.slackUserId, 200, 'update']);
    }));
    const [{ count }] = await query(`SELECT count(*)::int AS count FROM inquiries WHERE id = ANY($1) AND next_call_at = $2`, [inquiries.map((inquiry) => inquiry.id), callAt]);
    expect(count).toBe(3);

    const slackReminders = (registryNumber: string) =>
      slack.ok('chat.postMessage', (body) => String(body.text).startsWith('Priminimas:') && String(body.text).includes(registryNumber)).map((body) => body.channel);
    const teamsReminders = (registryNumber: string) =>
      connector.sent().filter((call) => cardsIn(call.body).some((card) => cardText(card).includes('Priminimas:') && cardText(card).includes(registryNumber))).map((call) => call.conversationId);
    const expected = owners.map((member, index) => [inquiries[index]!.registryNumber, [`D${member.slackUserId.slice(1)}`], [`a:personal-${member.teams.id}`]]);
    // The reminders fall due about 4 s after callAt was chosen; allow for a slow machine.
    await eventually(() => expect(owners.map((_, index) => slackReminders(inquiries[index]!.registryNumber).length + teamsReminders(inquiries[index]!.registryNumber).length)).toEqual([2, 2, 2]), 30_000);
    await settled(() => {
      expect(owners.map((_, index) => [inquiries[index]!.registryNumber, slackReminders(inquiries[index]!.registryNumber), teamsReminders(inquiries[index]!.registryNumber)])).toEqual(expected);
    });
    const notices = await query(`SELECT count(*)::int AS count FROM deadline_notices WHERE inquiry_id = ANY($1) AND deadline = 'call' AND stage = 'reminder'`, [inquiries.map((inquiry) => inquiry.id)]);
    expect(notices[0]!.count).toBe(3);
  }));
});

describeWith(DOVECOT, 'two instances reading one mailbox', () => {
  it('R15.register / R7.channels: each e-mail appended to the shared mailbox is registered once and announced once on Slack and once on Teams', explained(async () => {
    const imap = new ImapFlow({ host: mailbox!.host, port: mailbox!.port, secure: false, auth: { user: mailbox!.user, pass: mailbox!.password }, logger: false });
    await imap.connect();
    const messageIds = [1, 2, 3, 4].map((n) => `<two-instances-${n}-${randomUUID()}@tevai.lt>`);
    try {
      for (const [index, messageId] of messageIds.entries()) {
        await imap.append('INBOX', rfc822({
          from: `${encodedWord(`Tėvas ${index}`, 'UTF-8', 'Q')} <tevas${index}@example.lt>`,
          subject: encodedWord(`Dėl maitinimo ${index}`, 'UTF-8', 'B'),
          messageId,
          contentType: 'text/plain; charset=UTF-8',
          transferEncoding: '8bit',
          body: Buffer.from(`Laba diena, prašau pakeisti vaiko maitinimą (${index}).`, 'utf8'),
        }));
      }
    } finally {
      await imap.logout();
    }
    const registered = await eventually(async () => {
      const rows = await query<{ external_id: string; registry_number: string }>(
        `SELECT external_id, registry_number FROM inquiries WHERE channel = 'email' AND external_id = ANY($1) ORDER BY external_id`,
        [messageIds],
      );
      expect(rows.map((row) => row.external_id)).toEqual([...messageIds].sort());
      return rows.map((row) => row.registry_number);
    }, 20_000);
    await expectAnnouncedOnce(registered);
    // One instance reads the mailbox, the other stands by (GET /healthz, what an operator checks).
    const roles = await Promise.all([a, b].map(async (instance) => (await (await fetch(`${instance.url}/healthz`)).json()).mailbox?.role));
    expect(roles.sort()).toEqual(['reader', 'standby']);
    const [{ count }] = await query(`SELECT count(*)::int AS count FROM inquiries WHERE channel = 'email' AND external_id = ANY($1)`, [messageIds]);
    expect(count).toBe(messageIds.length);
  }));
});
