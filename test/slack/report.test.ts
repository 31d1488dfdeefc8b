import { WEEKLY_DIGEST_JOB } from '../../src/jobs/weekly-digest.job.js';
import { emailedRequest, eventually, ManualClock } from '../support/app.js';
import { outboxDelivered } from '../support/pressing-list.js';
import { runJobAt } from '../support/jobs.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { appHomeOpened } from './support/payloads.js';
import { postEvent } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';

let h: SlackHarness;
const clock = new ManualClock(new Date('2027-03-03T10:00:00+02:00'));
const client = { name: 'Slaptoji Klientė', email: 'slaptoji@example.lt', phone: '+37061111111', language: 'lt' };
const numbers: Record<'ona' | 'jonas' | 'rasa', string> = { ona: '', jonas: '', rasa: '' };

beforeAll(async () => {
  h = await startSlackHarness({ clock });
  // Dalia, the head, and Aldona, an admin only: both see everything; the digest is the head's, not the admin's.
  await h.t.app.staff.importMembers([
    { firstName: 'Dalia', surname: 'Direktorė', email: 'dalia@daigelis.lt', roles: ['head'], slackUserId: 'UHEAD0001' },
    { firstName: 'Aldona', surname: 'Administratorė', email: 'aldona@daigelis.lt', roles: ['admin'], slackUserId: 'UADMIN001' },
  ]);
  // This week (Monday 1 March 2027 onwards): one inquiry each for Ona, Jonas and Rasa, Vida's team.
  for (const [who, receivedAt] of [['ona', '2027-03-01T09:00:00+02:00'], ['jonas', '2027-03-02T09:00:00+02:00'], ['rasa', '2027-03-02T11:00:00+02:00']] as const) {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest({ client, receivedAt, subject: `Ataskaitos užklausa ${who}` }));
    await h.t.app.inquiries.claim(inquiry.id, h.staff[who].id);
    numbers[who] = inquiry.registryNumber;
  }
  await h.t.app.inquiries.recordFirstReply((await h.t.app.queries.get(numbers.ona)).inquiry.id, h.staff.ona.id);
  await outboxDelivered(h.t.app);
});
afterAll(() => h.stop());
afterEach(() => expect(blockKitViolations([...h.api.calls, ...h.api.hooks.map((entry) => ({ method: 'response_url', body: entry.body, status: 200 }))])).toEqual([]));

const command = (user: string, input: string) => h.command(user, input);

/** No client's name, e-mail or phone (they are on the inquiries the figures count). */
function expectNoClient(payload: unknown): void {
  const text = JSON.stringify(payload);
  for (const part of [client.name, client.email, client.phone, 'Slaptoji']) expect(text).not.toContain(part);
}

/** The URL of the report's CSV button. */
const csvLinkIn = (blocks: any[]): string => blocks.find((block) => block.block_id === 'report_export').elements[0].url;

/** The weekly digest job run at `at` on the test clock (`runJobAt`). */
const digestJobAt = (at: string): Promise<void> => runJobAt(h.t.app, clock, WEEKLY_DIGEST_JOB, at);

/** The DMs of the weekly digest, by channel. */
const digestPosts = () => h.api.ok('chat.postMessage', (body) => body.text === 'Praėjusios savaitės aptarnavimo ataskaita');
const channelsOf = (posts: Array<Record<string, any>>) => posts.map((body) => body.channel as string).sort();
const isChart = (block: any): boolean => block.type === 'data_visualization';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The value of the first section field headed `*label*` (the reader's own scope comes first). */
function figure(blocks: any[], label: string): string | undefined {
  const fields = blocks.flatMap((block) => (block.type === 'section' && Array.isArray(block.fields) ? block.fields : []));
  const found = fields.find((field: any) => field.text.startsWith(`*${label}*\n`));
  return found?.text.split('\n')[1];
}

async function download(link: string): Promise<Response> {
  const url = new URL(link);
  return fetch(`${h.t.app.url}${url.pathname}${url.search}`);
}

describe('R60.internal: /inquiry report on Slack', () => {
  it('R60.internal: a representative sees her own figures and the institution’s totals, with charts and a table — no colleague’s, no client', async () => {
    const answer = await command('UONA00001', 'report');
    expect(answer.text).toBe('Savaitės aptarnavimo ataskaita');
    const text = JSON.stringify(answer.blocks);
    expect(text).toContain('Jūsų rodikliai');
    expect(text).toContain('Visa įstaiga');
    const charts = answer.blocks.filter((block: any) => block.type === 'data_visualization');
    expect(charts.length).toBeGreaterThan(0);
    expect(charts.length).toBeLessThanOrEqual(2);
    for (const chart of charts) expect(chart.title.length).toBeLessThanOrEqual(50);
    expect(answer.blocks.some((block: any) => block.type === 'table')).toBe(true);
    // Who must not be told: nothing of Jonas, Rasa or Vida in Ona's report.
    for (const name of ['Jonas', 'Jonaitis', 'Rasa', 'Rasaitė', 'Vida']) expect(text).not.toContain(name);
    expectNoClient(answer);
  });

  it('R60.internal: the CSV link gives the representative her own inquiries only, and opens nothing once altered', async () => {
    const link = csvLinkIn((await command('UONA00001', 'report')).blocks);
    const csv = await download(link);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark first, so spreadsheet programs read UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = bytes.subarray(3).toString('utf8');
    expect(body.split('\r\n')[0]).toBe('registry_number,channel,kind,owner_id,received_at,first_reply_due,first_reply_at,first_reply_office_minutes,resolution_due,resolved_at,overdue,escalated_conflicts,incidents,missed_callbacks,summaries_due,summaries_on_time,reopened,rating_score');
    expect(body).toContain(numbers.ona);
    expect(body).not.toContain(numbers.jonas);
    expect(body).not.toContain(numbers.rasa);
    expectNoClient(body);
    const altered = new URL(link);
    altered.searchParams.set('staff', h.staff.manager.id);
    const refused = await download(altered.toString());
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain(numbers.ona);
  });

  it('R60.internal: a manager sees her team per person (month), and her CSV holds the team’s inquiries', async () => {
    const answer = await command('UMANAGER1', 'report month');
    expect(answer.text).toBe('Mėnesio aptarnavimo ataskaita');
    const table = answer.blocks.find((block: any) => block.type === 'table');
    const people = table.rows.slice(1).map((row: any[]) => row[0].text);
    expect(people).toEqual(expect.arrayContaining(['Ona Onaitė', 'Jonas Jonaitis', 'Rasa Rasaitė']));
    expectNoClient(answer);
    const body = await (await download(csvLinkIn(answer.blocks))).text();
    for (const number of Object.values(numbers)) expect(body).toContain(number);
  });

  it('a period it does not know answers with the command’s usage', async () => {
    const answer = await command('UJONAS001', 'report year');
    expect(answer.text).toBe('How to write this command');
    expect(JSON.stringify(answer.blocks)).toContain('/inquiry report week|month|quarter');
  });

  it('R60.internal: a manager’s App Home opens with the dashboard as a PNG uploaded through files.getUploadURLExternal; a representative’s has none', async () => {
    h.api.reset();
    expect((await postEvent(h.events, appHomeOpened('UMANAGER1'))).status).toBe(200);
    const view = await eventually(() => {
      const [published] = h.api.ok('views.publish', (body) => body.user_id === 'UMANAGER1');
      expect(published).toBeDefined();
      return published!.view;
    });
    const image = view.blocks.find((block: any) => block.type === 'image');
    const [asked] = h.api.calls.filter((call) => call.method === 'files.getUploadURLExternal');
    const fileId = asked!.answer!.file_id as string;
    expect(image.slack_file).toEqual({ id: fileId });
    const png = h.api.uploads.get(fileId)!;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(Number(asked!.body.length)).toBe(png.length);
    expect(h.api.ok('files.completeUploadExternal').map((body) => body.files[0].id)).toEqual([fileId]);
    // The dashboard part of the Home names no client (the lists below it are the inquiries themselves).
    expectNoClient(view.blocks.slice(0, view.blocks.findIndex((block: any) => block.type === 'divider')));

    // Within the hour the Home is republished with the same image, not drawn and uploaded again.
    await postEvent(h.events, appHomeOpened('UMANAGER1'));
    await eventually(() => expect(h.api.ok('views.publish', (body) => body.user_id === 'UMANAGER1')).toHaveLength(2));
    expect(h.api.ok('files.getUploadURLExternal')).toHaveLength(1);

    await postEvent(h.events, appHomeOpened('UONA00001'));
    const ona = await eventually(() => {
      const [published] = h.api.ok('views.publish', (body) => body.user_id === 'UONA00001');
      expect(published).toBeDefined();
      return published!.view;
    });
    expect(ona.blocks.some((block: any) => block.type === 'image')).toBe(false);
    expect(h.api.ok('files.getUploadURLExternal')).toHaveLength(1);
  });
});

describe('R60.internal: /inquiry report on Slack — refused charts, and the admin', () => {
  it.each([400, 200] as const)(
    'R60.internal: a workspace that refuses the chart blocks (invalid_blocks, the response URL answering HTTP %i) still gets `/inquiry report week`, as the table fallback',
    async (status) => {
      h.api.reset();
      h.api.refuseCharts = true;
      h.api.refuseChartsOnHooks = status;
      try {
        const answer = await command('UMANAGER1', 'report week');
        // First the report with its charts, refused; then the same report without them, the table carrying the data.
        expect(h.api.refusedHooks).toHaveLength(1);
        const refused = h.api.refusedHooks[0]!.body;
        expect(refused.blocks.filter(isChart).length).toBeGreaterThan(0);
        expect(answer.text).toBe('Savaitės aptarnavimo ataskaita');
        expect(answer.blocks.some(isChart)).toBe(false);
        expect(answer.blocks).toEqual(refused.blocks.filter((block: any) => !isChart(block)));
        const table = answer.blocks.find((block: any) => block.type === 'table');
        expect(table.rows.slice(1).map((row: any[]) => row[0].text)).toEqual(expect.arrayContaining(['Ona Onaitė', 'Jonas Jonaitis', 'Rasa Rasaitė']));
        expect(figure(answer.blocks, 'Gauta')).toBe('3');
        expectNoClient(answer);
      } finally {
        h.api.refuseCharts = false;
      }
    },
  );

  it('R60.internal, R60.external: an admin’s `report week` is the whole institution’s — an inquiry nobody owns counts, which the manager’s team report leaves out, and a phone client’s rating recorded by staff', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest({ client, receivedAt: '2027-03-03T09:00:00+02:00', subject: 'Niekieno užklausa' }));
    // A phone client's answer, recorded by Rasa once she resolved the call (R60.external, staff-recorded).
    const { inquiry: call } = await h.t.app.inquiries.register(
      emailedRequest({ channel: 'phone', externalId: null, client: { ...client, email: null }, receivedAt: '2027-03-03T09:30:00+02:00', subject: 'Skambutis' }),
    );
    await h.t.app.inquiries.claim(call.id, h.staff.rasa.id);
    await h.t.app.inquiries.recordFirstReply(call.id, h.staff.rasa.id);
    await h.t.app.inquiries.resolve(call.id, h.staff.rasa.id);
    await h.t.app.ratings.record(call.id, h.staff.rasa.id, { score: 2 });
    await outboxDelivered(h.t.app);

    const admin = await command('UADMIN001', 'report week');
    expect(admin.text).toBe('Savaitės aptarnavimo ataskaita');
    const text = JSON.stringify(admin.blocks);
    expect(text).toContain('Visos įstaigos rodikliai');
    expect(text).not.toContain('Jūsų rodikliai');
    expect(figure(admin.blocks, 'Gauta')).toBe('5');
    expect(figure(admin.blocks, 'Išspręsta')).toBe('1');
    expect(figure(admin.blocks, 'Klientų įvertinimas')).toMatch(/^2[.,]0\b/);
    const table = admin.blocks.find((block: any) => block.type === 'table');
    expect(table.rows.slice(1).map((row: any[]) => row[0].text)).toEqual(expect.arrayContaining(['Ona Onaitė', 'Jonas Jonaitis', 'Rasa Rasaitė']));
    const rasa = table.rows.find((row: any[]) => row[0].text === 'Rasa Rasaitė');
    expect(rasa.at(-1).text).toMatch(/^2[.,]0\b/);
    expectNoClient(admin);
    const csv = await (await download(csvLinkIn(admin.blocks))).text();
    for (const number of [...Object.values(numbers), inquiry.registryNumber, call.registryNumber]) expect(csv).toContain(number);

    // The manager's team report: Rasa's call, not the inquiry nobody owns.
    const team = await command('UMANAGER1', 'report week');
    expect(figure(team.blocks, 'Gauta')).toBe('4');
    const teamCsv = await (await download(csvLinkIn(team.blocks))).text();
    expect(teamCsv).toContain(call.registryNumber);
    expect(teamCsv).not.toContain(inquiry.registryNumber);
  });
});

describe('R60.internal: the weekly digest on Slack', () => {
  it('R60.internal: last week’s report goes by DM to the manager and the head at Monday’s opening, once; never to the channel, representatives or the admin', async () => {
    h.api.reset();
    await digestJobAt('2027-03-08T07:59:00+02:00');
    await sleep(1_000);
    expect(digestPosts()).toEqual([]);

    await digestJobAt('2027-03-08T08:00:00+02:00');
    await eventually(() => expect(channelsOf(digestPosts())).toEqual(['DHEAD0001', 'DMANAGER1']));
    for (const digest of digestPosts()) {
      expect(JSON.stringify(digest.blocks)).toContain('2027-03-01 – 2027-03-07');
      expect(digest.blocks.filter(isChart).length).toBeGreaterThan(0);
      expectNoClient(digest);
    }
    // What each may see: the head the whole institution, the manager her team.
    expect(JSON.stringify(digestPosts().find((digest) => digest.channel === 'DHEAD0001')!.blocks)).toContain('Visos įstaigos rodikliai');
    expect(JSON.stringify(digestPosts().find((digest) => digest.channel === 'DMANAGER1')!.blocks)).not.toContain('Visos įstaigos rodikliai');

    // Again within the hour: nobody is sent it twice.
    await digestJobAt('2027-03-08T08:10:00+02:00');
    await sleep(1_500);
    expect(digestPosts()).toHaveLength(2);
    expect(h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && /ataskaita|report/i.test(body.text))).toEqual([]);
    // (The manager's DM may already be open: the low rating's follow-up went there.) The admin's never is.
    expect(h.api.ok('conversations.open').map((body) => body.users)).toContain('UHEAD0001');
    expect(h.api.ok('conversations.open').map((body) => body.users)).not.toContain('UADMIN001');
  });

  it('R60.internal: when Monday is a public holiday (Easter Monday 29 March 2027, the day after the clocks go forward) the digest goes at Tuesday’s opening instead — once, to the manager and the head, never to representatives, the admin or the channel', async () => {
    h.api.reset();
    // The holiday Monday: its would-be opening, later that hour, the afternoon; and Tuesday just before opening.
    for (const at of ['2027-03-29T08:00:00+03:00', '2027-03-29T08:30:00+03:00', '2027-03-29T13:00:00+03:00', '2027-03-30T07:59:00+03:00']) await digestJobAt(at);
    await sleep(1_000);
    expect(digestPosts()).toEqual([]);

    await digestJobAt('2027-03-30T08:00:00+03:00');
    await eventually(() => expect(channelsOf(digestPosts())).toEqual(['DHEAD0001', 'DMANAGER1']));
    for (const digest of digestPosts()) {
      // Last week: Monday 22 to Sunday 28 March, the 167-hour week of the change to summer time.
      expect(JSON.stringify(digest.blocks)).toContain('2027-03-22 – 2027-03-28');
      expect(digest.blocks.filter(isChart).length).toBeGreaterThan(0);
      expectNoClient(digest);
    }
    expect(JSON.stringify(digestPosts().find((digest) => digest.channel === 'DHEAD0001')!.blocks)).toContain('Visos įstaigos rodikliai');

    await digestJobAt('2027-03-30T08:10:00+03:00');
    await sleep(1_500);
    expect(digestPosts()).toHaveLength(2);
    expect(h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && /ataskaita|report/i.test(body.text))).toEqual([]);
  });

  it('R60.internal: a workspace that refuses the chart blocks (invalid_blocks) still gets the digest, as the table fallback, once each', async () => {
    h.api.reset();
    h.api.refuseCharts = true;
    try {
      await digestJobAt('2027-04-05T08:00:00+03:00');
      await eventually(() => expect(channelsOf(digestPosts())).toEqual(['DHEAD0001', 'DMANAGER1']));
      const refused = h.api.calls.filter((call) => call.method === 'chat.postMessage' && call.status === 400).map((call) => call.body);
      expect(channelsOf(refused)).toEqual(['DHEAD0001', 'DMANAGER1']);
      for (const digest of digestPosts()) {
        const first = refused.find((body) => body.channel === digest.channel)!;
        expect(first.blocks.filter(isChart).length).toBeGreaterThan(0);
        expect(digest.blocks.some(isChart)).toBe(false);
        expect(digest.blocks).toEqual(first.blocks.filter((block: any) => !isChart(block)));
        expect(digest.blocks.some((block: any) => block.type === 'table')).toBe(true);
        expect(JSON.stringify(digest.blocks)).toContain('2027-03-29 – 2027-04-04');
        expectNoClient(digest);
      }
      await digestJobAt('2027-04-05T08:10:00+03:00');
      await sleep(1_500);
      expect(digestPosts()).toHaveLength(2);
    } finally {
      h.api.refuseCharts = false;
    }
  });
});
