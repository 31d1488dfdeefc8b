import { WEEKLY_DIGEST_JOB } from '../../src/jobs/weekly-digest.job.js';
import { emailedRequest, eventually, ManualClock } from '../support/app.js';
import { outboxDelivered } from '../support/pressing-list.js';
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

describe('R60.internal: the weekly digest on Slack', () => {
  it('R60.internal: last week’s report goes by DM to the manager at Monday’s opening, once; never to the channel nor to representatives', async () => {
    h.api.reset();
    const digests = () => h.api.ok('chat.postMessage', (body) => body.text === 'Praėjusios savaitės aptarnavimo ataskaita');
    clock.set('2027-03-08T07:59:00+02:00');
    await h.t.app.scheduler.now(WEEKLY_DIGEST_JOB);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(digests()).toEqual([]);

    clock.set('2027-03-08T08:00:00+02:00');
    await h.t.app.scheduler.now(WEEKLY_DIGEST_JOB);
    const [digest] = await eventually(() => {
      expect(digests()).toHaveLength(1);
      return digests();
    });
    expect(digest!.channel).toBe('DMANAGER1');
    expect(JSON.stringify(digest!.blocks)).toContain('2027-03-01 – 2027-03-07');
    expect(digest!.blocks.filter((block: any) => block.type === 'data_visualization').length).toBeGreaterThan(0);
    expectNoClient(digest);

    // Again within the hour: nobody is sent it twice.
    clock.set('2027-03-08T08:10:00+02:00');
    await h.t.app.scheduler.now(WEEKLY_DIGEST_JOB);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(digests()).toHaveLength(1);
    expect(h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && /ataskaita|report/i.test(body.text))).toEqual([]);
    expect(h.api.ok('conversations.open').map((body) => body.users)).toEqual(['UMANAGER1']);
  });
});
