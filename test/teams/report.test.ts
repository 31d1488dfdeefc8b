import { WEEKLY_DIGEST_JOB } from '../../src/jobs/weekly-digest.job.js';
import { emailedRequest, ManualClock } from '../support/app.js';
import { outboxDelivered } from '../support/pressing-list.js';
import { runJobAt } from '../support/jobs.js';
import { message } from './support/activities.js';
import { cardActions, cardsIn, cardText } from './support/cards.js';
import { chartsIn, reportCardProblems } from './support/chart-cards.js';
import { dmCards, eventually, people, personalChat, startTeams, type TeamsHarness } from './support/teams-app.js';

let h: TeamsHarness;
const clock = new ManualClock(new Date('2027-03-03T10:00:00+02:00'));
const client = { name: 'Slaptoji Klientė', email: 'slaptoji@example.lt', phone: '+37061111111', language: 'lt' };

beforeAll(async () => {
  h = await startTeams({ clock });
  for (const [who, receivedAt] of [['ona', '2027-03-01T09:00:00+02:00'], ['jonas', '2027-03-02T09:00:00+02:00']] as const) {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest({ client, receivedAt, subject: `Ataskaitos užklausa ${who}` }));
    await h.t.app.inquiries.claim(inquiry.id, h.staff[who].id);
  }
  await outboxDelivered(h.t.app);
});
afterAll(() => h.stop());

/** The card the bot answered `text` with in `user`'s 1:1 chat. */
async function ask(user: (typeof people)[keyof typeof people], text: string): Promise<any> {
  const before = h.connector.replies(personalChat(user)).length;
  expect((await h.post(message(h.connector.url, user, text, { personal: true }))).status).toBe(200);
  return eventually(() => {
    const replies = h.connector.replies(personalChat(user));
    expect(replies.length).toBe(before + 1);
    return cardsIn(replies.at(-1)!.body)[0];
  });
}

/** The weekly digest job run at `at` on the test clock (`runJobAt`). */
const digestJobAt = (at: string): Promise<void> => runJobAt(h.t.app, clock, WEEKLY_DIGEST_JOB, at);

function expectNoClient(payload: unknown): void {
  const text = JSON.stringify(payload);
  for (const part of [client.name, client.email, client.phone, 'Slaptoji']) expect(text).not.toContain(part);
}

describe('R60.internal: `report` on Teams', () => {
  it('R60.internal: a representative’s card has her figures and the institution’s totals, charts with fallbacks, a CSV link — nothing of a colleague', async () => {
    const card = await ask(people.ona, 'report');
    expect(reportCardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Savaitės aptarnavimo ataskaita');
    expect(text).toContain('Jūsų rodikliai');
    expect(text).toContain('Visa įstaiga');
    expect(chartsIn(card).length).toBeGreaterThan(0);
    for (const chart of chartsIn(card)) expect(chart.fallback.type).toBe('Table');
    expect(cardActions(card).find((action) => action.type === 'Action.OpenUrl')!.url).toMatch(/\/reports\/export\.csv\?/);
    for (const name of ['Jonas', 'Jonaitis', 'Rasa', 'Vida']) expect(JSON.stringify(card)).not.toContain(name);
    expectNoClient(card);
  });

  it('R60.internal: a manager’s card lists her team per person; the head’s is the whole institution’s', async () => {
    const team = await ask(people.manager, 'report quarter');
    expect(reportCardProblems(team)).toEqual([]);
    expect(cardText(team)).toContain('Ketvirčio aptarnavimo ataskaita');
    expect(cardText(team)).toContain('Ona Onaitė');
    expect(cardText(team)).toContain('Jonas Jonaitis');
    expectNoClient(team);
    const head = await ask(people.head, 'report');
    expect(reportCardProblems(head)).toEqual([]);
    expect(cardText(head)).toContain('Visos įstaigos rodikliai');
    expectNoClient(head);
  });
});

describe('R60.internal: the weekly digest on Teams', () => {
  it('R60.internal: Monday at opening the manager and the head get last week’s report in their 1:1 chat, once; the channel and representatives nothing', async () => {
    const channelPostsBefore = h.connector.sent().filter((call) => !call.conversationId.startsWith('a:personal-')).length;
    clock.set('2027-03-08T08:00:00+02:00');
    await h.t.app.scheduler.now(WEEKLY_DIGEST_JOB);
    const digestsTo = (user: (typeof people)[keyof typeof people]) => dmCards(h, user).filter((card) => cardText(card).includes('Praėjusios savaitės aptarnavimo ataskaita'));
    await eventually(() => {
      expect(digestsTo(people.manager)).toHaveLength(1);
      expect(digestsTo(people.head)).toHaveLength(1);
    });
    for (const card of [...digestsTo(people.manager), ...digestsTo(people.head)]) {
      expect(reportCardProblems(card)).toEqual([]);
      expectNoClient(card);
    }
    await h.t.app.scheduler.now(WEEKLY_DIGEST_JOB);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(digestsTo(people.manager)).toHaveLength(1);
    for (const user of [people.ona, people.jonas, people.rasa, people.admin]) expect(digestsTo(user)).toEqual([]);
    expect(h.connector.sent().filter((call) => !call.conversationId.startsWith('a:personal-')).length).toBe(channelPostsBefore);
  });

  it('R60.internal: when Monday is a public holiday (Easter Monday 29 March 2027) the digest waits for Tuesday’s opening, then goes once to the manager and the head — never to representatives, the admin or the channel', async () => {
    // Reminders of the still-open inquiries may reach the channel as the clock moves on; a report must not.
    const channelReports = () => h.connector.sent().filter((call) => !call.conversationId.startsWith('a:personal-') && /aptarnavimo ataskaita/i.test(JSON.stringify(call.body)));
    const easterWeek = (user: (typeof people)[keyof typeof people]) =>
      dmCards(h, user).filter((card) => cardText(card).includes('Praėjusios savaitės aptarnavimo ataskaita') && cardText(card).includes('2027-03-22 – 2027-03-28'));
    const everyone = [people.manager, people.head, people.ona, people.jonas, people.rasa, people.admin];
    // The holiday Monday (summer time since Sunday): its would-be opening and later; Tuesday just before opening.
    for (const at of ['2027-03-29T08:00:00+03:00', '2027-03-29T08:30:00+03:00', '2027-03-29T13:00:00+03:00', '2027-03-30T07:59:00+03:00']) await digestJobAt(at);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const user of everyone) expect(easterWeek(user)).toEqual([]);

    await digestJobAt('2027-03-30T08:00:00+03:00');
    await eventually(() => {
      expect(easterWeek(people.manager)).toHaveLength(1);
      expect(easterWeek(people.head)).toHaveLength(1);
    });
    for (const card of [...easterWeek(people.manager), ...easterWeek(people.head)]) {
      expect(reportCardProblems(card)).toEqual([]);
      expectNoClient(card);
    }
    expect(cardText(easterWeek(people.head)[0])).toContain('Visos įstaigos rodikliai');
    await digestJobAt('2027-03-30T08:10:00+03:00');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(easterWeek(people.manager)).toHaveLength(1);
    expect(easterWeek(people.head)).toHaveLength(1);
    for (const user of [people.ona, people.jonas, people.rasa, people.admin]) expect(easterWeek(user)).toEqual([]);
    expect(channelReports()).toEqual([]);
  });
});
