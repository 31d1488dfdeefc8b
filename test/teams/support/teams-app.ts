import { withSmtp, type SmtpReceiver } from '../../support/smtp-receiver.js';
import type { StaffMember } from '../../../src/domain/staff.js';
import { ManualClock, seedStaff, startTestApp, eventually, type TestApp } from '../../support/app.js';
import { installedInTeam, postActivity, teamsUser } from './activities.js';
import { cardProblems, cardsIn, cardText } from './cards.js';
import { FakeConnector } from './connector.js';
import { SilentProxy } from '../../support/silent-proxy.js';

export const people = {
  manager: teamsUser('Vida Vadovė', 1),
  ona: teamsUser('Ona Onaitė', 2),
  jonas: teamsUser('Jonas Jonaitis', 3),
  rasa: teamsUser('Rasa Rasaitė', 4),
  head: teamsUser('Dalia Direktorė', 5),
  admin: teamsUser('Aldona Admin', 6),
  stranger: teamsUser('Nežinomas Žmogus', 9),
};

export interface TeamsHarness {
  t: TestApp;
  connector: FakeConnector;
  staff: Awaited<ReturnType<typeof seedStaff>> & { head: StaffMember; admin: StaffMember };
  clock: ManualClock;
  post(activity: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/**
 * The whole service with Teams on for the Emulator (no app id), the connector stand-in, the seeded staff linked
 * to Teams by AAD object id, and (unless told otherwise) the app installed in the staff team.
 */
export async function startTeams(options: { install?: boolean; env?: Record<string, string>; clock?: ManualClock } = {}): Promise<TeamsHarness> {
  const connector = await new FakeConnector().start();
  const clock = options.clock ?? new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
  const t = await startTestApp({ clock }, undefined, { TEAMS_EMULATOR: 'true', ...options.env });
  const seeded = await seedStaff(t.app);
  const link = Object.entries({ manager: seeded.manager, ona: seeded.ona, jonas: seeded.jonas, rasa: seeded.rasa }).map(([key, member]) => ({
    firstName: member.firstName,
    surname: member.surname,
    email: member.email,
    language: member.language,
    roles: member.roles,
    teamsUserId: people[key as keyof typeof people].aadObjectId,
    ...(key === 'manager' ? {} : { manager: seeded.manager.email }),
  }));
  await t.app.staff.importMembers([
    ...link,
    { firstName: 'Dalia', surname: 'Direktorė', email: 'dalia@daigelis.lt', roles: ['head'], teamsUserId: people.head.aadObjectId },
    { firstName: 'Aldona', surname: 'Admin', email: 'aldona@daigelis.lt', roles: ['admin'], teamsUserId: people.admin.aadObjectId },
  ]);
  const { TypeormStaffRepository } = await import('../../../src/persistence/staff.typeorm-repository.js');
  const repository = new TypeormStaffRepository(t.app.dataSource.manager);
  const staff = {
    manager: (await repository.findByEmail('vida@daigelis.lt'))!,
    ona: (await repository.findByEmail('ona@daigelis.lt'))!,
    jonas: (await repository.findByEmail('jonas@daigelis.lt'))!,
    rasa: (await repository.findByEmail('rasa@daigelis.lt'))!,
    head: (await repository.findByEmail('dalia@daigelis.lt'))!,
    admin: (await repository.findByEmail('aldona@daigelis.lt'))!,
  };
  connector.roster = Object.values(people).filter((person) => person !== people.stranger);
  const post = (activity: unknown) => postActivity(t.app.url, activity);
  if (options.install !== false) {
    const answer = await post(installedInTeam(connector.url, people.manager));
    if (answer.status !== 200) throw new Error(`install answered ${answer.status}`);
  }
  return {
    t,
    connector,
    staff,
    clock,
    post,
    async stop() {
      await t.stop();
      await connector.stop();
    },
  };
}

/** Every card the bot sent, updated or answered with must parse cleanly as Adaptive Card 1.5. */
export function expectValidCards(cards: unknown[]): void {
  for (const card of cards) {
    const problems = cardProblems(card);
    if (problems.length > 0) throw new Error(`invalid card: ${problems.join('; ')}\n${JSON.stringify(card).slice(0, 800)}`);
  }
}

export function allSentCards(connector: FakeConnector): unknown[] {
  return connector.calls.filter((call) => call.status === 200).flatMap((call) => cardsIn(call.body));
}

export { eventually };

/**
 * Teams whose Bot Connector sits behind a proxy that can be told to hang (accept connections, never answer).
 * The app is installed through the proxy, so the activities' service URL (where the bot sends) is the proxy.
 */
export async function startTeamsBehindProxy(env: Record<string, string>): Promise<{ h: TeamsHarness; teams: SilentProxy; stop(): Promise<void> }> {
  const h = await startTeams({ install: false, env });
  const teams = await new SilentProxy(() => h.connector.url).start();
  teams.answer();
  const installed = await h.post(installedInTeam(`${teams.url}/`, people.manager));
  if (installed.status !== 200) throw new Error(`install through the proxy answered ${installed.status}`);
  return {
    h,
    teams,
    async stop() {
      await h.stop();
      await teams.stop();
    },
  };
}

/** Teams with outgoing e-mail to a real SMTP receiver; Ona can sign e-mails and letters (R36.signature), Jonas cannot. */
export async function startTeamsWithMail(): Promise<TeamsHarness & { smtp: SmtpReceiver }> {
  const h = await withSmtp((env) => startTeams({ env }));
  await h.t.app.staff.updateProfile(h.staff.ona.id, h.staff.ona.id, { position: 'Auklėtoja', phone: '+37060000002' });
  return h;
}

/** Extra data for a card action clicked in a 1:1 chat. */
export const PERSONAL = { personal: true };

/** The 1:1 conversation of the bot with `user`, as the connector stand-in names it. */
export const personalChat = (user: { id: string }) => `a:personal-${user.id}`;

/** Every card the bot sent `user` in their 1:1 chat, oldest first. */
export function dmCards(h: TeamsHarness, user: { id: string }): unknown[] {
  return h.connector.sent(personalChat(user)).map((call) => cardsIn(call.body)[0]);
}

/** The first 1:1 card to `user` whose text has `text`, once the notifier has sent it. */
export function dmCard(h: TeamsHarness, user: { id: string }, text: string): Promise<any> {
  return eventually(() => {
    const found = dmCards(h, user).find((card) => cardText(card).includes(text));
    expect(found).toBeDefined();
    return found;
  });
}

/** The id of the channel message announcing an inquiry, once the notifier has posted and stored it. */
export function announcementOf(h: TeamsHarness, inquiryId: string): Promise<string> {
  return eventually(async () => {
    const [row] = await h.t.app.dataSource.query(`SELECT message_id FROM chat_posts WHERE platform = 'teams' AND inquiry_id = $1 AND purpose = 'announcement'`, [inquiryId]);
    expect(row).toBeDefined();
    return row.message_id as string;
  });
}
