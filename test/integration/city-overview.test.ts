import { cityLink } from '../../src/cli/city-link.js';
import { ReportLinks } from '../../src/domain/report-link.js';
import type { DomainServices } from '../../src/domain/services.js';
import { monthPeriod } from '../../src/domain/quality/month.js';
import { emailedRequest, eventually, ManualClock, seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { asServiceRole } from '../support/database.js';

/**
 * Issue #17, item 8: the city overview. Three institutions side by side — the first with six inquiries in March 2027,
 * a second with four, a third with none — driven through their own services with a hand-moved clock; the overview
 * is read as a city reader reads it (the page and the CSV of a link from `npm run city:link`), and each institution's
 * figures are checked by hand and against the institution's own monthly report.
 */

const SECRET = 'a-city-overview-test-secret-of-forty-characters';
const ZONE = 'Europe/Vilnius';
const CLIENT = { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: null, language: 'lt' };
const COMMENT = 'Auklėtoja Ona labai padėjo mūsų Justui';
const clock = new ManualClock(new Date('2027-03-01T08:00:00+02:00'));
const march = monthPeriod('2027-03', ZONE)!;

let t: TestApp;
let secondId: number;
let thirdId: number;
/** Everything personal the seeded history holds: none of it may reach the overview. */
const personal: string[] = [CLIENT.name, CLIENT.email, 'Dėl vietos darželyje', 'norėčiau sužinoti apie laisvas vietas', COMMENT];

interface Story {
  received: string;
  /** Minutes after receipt the first reply was sent (none: never). */
  replyAfter?: number;
  resolve?: boolean;
  score?: number;
  conflict?: boolean;
}

/** One inquiry's life in `services`, owned by `ownerId`, with the clock moved to each step. */
async function live(services: DomainServices, ownerId: string, story: Story): Promise<void> {
  const received = new Date(story.received);
  const at = (minutes: number) => clock.set(new Date(received.getTime() + minutes * 60_000).toISOString());
  at(5);
  const { inquiry } = await services.inquiries.register(emailedRequest({ client: CLIENT, receivedAt: story.received }));
  await services.inquiries.claim(inquiry.id, ownerId);
  if (story.conflict) {
    await services.escalations.raise(inquiry.id, ownerId, { type: 'conflict', whatHappened: 'Nesutarimas dėl grupės', clientToldWhat: 'Paskambinsime', followUpAt: new Date(received.getTime() + 86_400_000).toISOString() });
  }
  if (story.replyAfter === undefined) return;
  at(story.replyAfter);
  await services.inquiries.recordFirstReply(inquiry.id, ownerId);
  if (!story.resolve) return;
  at(story.replyAfter + 60);
  await services.inquiries.resolve(inquiry.id, ownerId);
  if (story.score === undefined) return;
  at(story.replyAfter + 90);
  await services.ratings.record(inquiry.id, ownerId, { score: story.score, comment: COMMENT });
}

/** A link as `npm run city:link` prints it, for the test app. */
function issuedLink(args: string[] = []): URL {
  const result = cityLink(args, { LETTER_LINK_SECRET: SECRET, PUBLIC_URL: t.app.url }, clock);
  expect(result.code).toBe(0);
  return new URL(result.stdout.trim());
}

function withMonth(link: URL, month: string | null, extra: Record<string, string> = {}, path = link.pathname): string {
  const url = new URL(link);
  url.pathname = path;
  if (month) url.searchParams.set('month', month);
  for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
  return url.toString();
}

/** The CSV's rows as objects by column name (no cell of this data holds a comma or quote). */
function parseCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [names[index]!, cell])));
}

async function settled(): Promise<void> {
  await eventually(async () => {
    const [row] = await t.database.asOwner<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE consumer = 'quality' AND delivered_at IS NULL`);
    expect(row!.n).toBe(0);
  });
}

beforeAll(async () => {
  t = await startTestApp({ clock }, undefined, { LETTER_LINK_SECRET: SECRET, TIME_ZONE: ZONE });
  const staff = await seedStaff(t.app);
  personal.push(...Object.values(staff).flatMap((member) => [member.email, member.firstName, member.surname]));
  [{ id: secondId }] = await t.database.asOwner<{ id: number }>(`INSERT INTO institutions (slug, name) VALUES ('saulute', 'Lopšelis-darželis „Saulutė“') RETURNING id`);
  // The name its admins set is the one shown, not the one it was added with.
  [{ id: thirdId }] = await t.database.asOwner<{ id: number }>(
    `INSERT INTO institutions (slug, name, settings) VALUES ('zilvitis', 'Žilvitis (senas)', '{"name": "Lopšelis-darželis „Žilvitis“"}') RETURNING id`,
  );
  const second = t.app.forInstitution(secondId);
  await second.staff.importMembers([{ firstName: 'Algė', surname: 'Algaitė', email: 'alge@saulute.lt', roles: ['manager', 'representative'] }]);
  const alge = (await second.queries.staffWithRole('manager'))[0]!;
  personal.push('Algė', 'Algaitė', 'alge@saulute.lt');

  // The first institution: five answered on time the same morning, resolved and rated (5, 4, 4, 3, 5), one with a
  // conflict escalated; a sixth received on Thursday 25 March and never answered.
  for (const [day, score] of [['02', 5], ['03', 4], ['04', 4], ['09', 3], ['10', 5]] as const) {
    await live(t.app, staff.ona.id, { received: `2027-03-${day}T09:00:00+02:00`, replyAfter: 60, resolve: true, score, conflict: day === '03' });
  }
  await live(t.app, staff.jonas.id, { received: '2027-03-25T09:00:00+02:00' });
  // The second: three answered on time and rated (2, 5, 4), one answered a week late and rated 4 — four ratings.
  for (const [day, score] of [['01', 2], ['08', 5], ['15', 4]] as const) {
    await live(second, alge.id, { received: `2027-03-${day}T10:00:00+02:00`, replyAfter: 30, resolve: true, score });
  }
  await live(second, alge.id, { received: '2027-03-16T10:00:00+02:00', replyAfter: 7 * 24 * 60, resolve: true, score: 4 });
  clock.set('2027-04-10T12:00:00+03:00');
  await settled();
}, 180_000);
afterAll(() => t?.stop());

describe('issue #17: a city overview of every institution, from aggregates only', () => {
  let csv: Array<Record<string, string>>;
  let html: string;

  beforeAll(async () => {
    const link = issuedLink();
    const page = await fetch(link);
    expect(page.status).toBe(200);
    html = await page.text();
    const file = await fetch(withMonth(link, '2027-03', {}, '/city/overview.csv'));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="langelis-city-2027-03.csv"');
    expect(file.headers.get('cache-control')).toBe('no-store');
    csv = parseCsv(await file.text());
  });

  it('R60.internal: one row per institution, the one with nothing to count too, under the name its admins set', () => {
    expect(csv.map((row) => [row.institution_id, row.slug, row.name, row.month])).toEqual([
      ['1', 'default', 'Kauno lopšelis-darželis „Daigelis“', '2027-03'],
      [String(secondId), 'saulute', 'Lopšelis-darželis „Saulutė“', '2027-03'],
      [String(thirdId), 'zilvitis', 'Lopšelis-darželis „Žilvitis“', '2027-03'],
    ].sort((a, b) => a[2]!.localeCompare(b[2]!, 'lt')));
    expect(csv.find((row) => row.slug === 'zilvitis')).toMatchObject({ received: '0', open_at_end: '0', first_replies_due: '0', ratings_answered: '0', rating_average: '' });
  });

  it('R60.internal: each institution’s figures are its own, as counted by hand (R14.reply-1wd, R60.external)', () => {
    const first = csv.find((row) => row.slug === 'default')!;
    expect(first).toMatchObject({
      received: '6', resolved: '5', open_at_end: '1', first_replies_due: '6', first_replies_on_time: '5',
      escalated_conflicts: '1', incidents: '0', ratings_answered: '5', first_reply_median_office_minutes: '60',
    });
    // 5, 4, 4, 3, 5: five ratings, so the average is shown.
    expect(Number(first.rating_average)).toBeCloseTo(4.2, 10);
    const second = csv.find((row) => row.slug === 'saulute')!;
    expect(second).toMatchObject({ received: '4', resolved: '4', open_at_end: '0', first_replies_due: '4', first_replies_on_time: '3', escalated_conflicts: '0', ratings_answered: '4' });
  });

  it('R60.external: an average of fewer than five ratings is withheld, in the database, the page and the CSV', async () => {
    expect(csv.find((row) => row.slug === 'saulute')!.rating_average).toBe('');
    expect(html).toContain('nerodomas (mažiau nei 5)');
    expect(html).toContain('4,2');
    const [row] = await t.database.asOwner<{ rating_average: number | null; ratings_answered: number }>(
      'SELECT rating_average, ratings_answered FROM langelis_city_overview($1, $2, $3) WHERE institution_id = $4',
      [march.from, march.to, clock.now(), secondId],
    );
    expect(row).toEqual({ rating_average: null, ratings_answered: 4 });
  });

  it('R60.internal: the figures agree with each institution’s own monthly report', async () => {
    for (const row of csv) {
      const services = t.app.forInstitution(Number(row.institution_id));
      const period = services.quality.periodOf('month', new Date('2027-03-15T12:00:00+02:00'), 'current');
      expect(period).toEqual(march);
      const own = (await services.quality.report(period, { kind: 'institution' })).total.current;
      const number = (cell: string | undefined) => (cell === '' || cell === undefined ? null : Number(cell));
      const shareOf = (part: string | undefined, whole: string | undefined) => (Number(whole) > 0 ? Number(part) / Number(whole) : null);
      expect({
        received: own.received, resolved: own.resolved, open: own.open, firstReplyOnTimeShare: own.firstReplyOnTimeShare,
        median: own.firstReplyMedianOfficeMinutes, resolvedOnTimeShare: own.resolvedOnTimeShare, overdue: own.overdue,
        conflicts: own.escalatedConflicts, incidents: own.incidents, requested: own.ratings.requested, answered: own.ratings.answered,
      }).toEqual({
        received: number(row.received), resolved: number(row.resolved), open: number(row.open_at_end),
        firstReplyOnTimeShare: shareOf(row.first_replies_on_time, row.first_replies_due), median: number(row.first_reply_median_office_minutes),
        resolvedOnTimeShare: shareOf(row.resolved_on_time, row.resolved_with_due), overdue: number(row.overdue),
        conflicts: number(row.escalated_conflicts), incidents: number(row.incidents), requested: number(row.ratings_requested), answered: number(row.ratings_answered),
      });
      if (own.ratings.answered >= 5) expect(number(row.rating_average)).toBeCloseTo(own.ratings.average!, 10);
      else expect(row.rating_average).toBe('');
    }
  });

  it('no staff member’s or client’s name, e-mail, inquiry text, comment or registry number is in the page or the CSV', async () => {
    const english = await (await fetch(withMonth(issuedLink(), '2027-03', { lang: 'en' }))).text();
    const file = await (await fetch(withMonth(issuedLink(), '2027-03', {}, '/city/overview.csv'))).text();
    for (const text of [html, english, file]) {
      for (const secret of personal) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/2027-0000\d\d/);
    }
    expect(Object.keys(csv[0]!).sort()).toEqual([
      'escalated_conflicts', 'first_replies_due', 'first_replies_on_time', 'first_reply_median_office_minutes', 'incidents', 'institution_id',
      'month', 'name', 'open_at_end', 'overdue', 'rating_average', 'ratings_answered', 'ratings_requested', 'received', 'resolved',
      'resolved_on_time', 'resolved_with_due', 'slug',
    ]);
  });

  it('shows the last full month by default, in Lithuanian or English, with the months before and after', async () => {
    expect(html).toContain('<html lang="lt">');
    expect(html).toContain('Įstaigų aptarnavimo kokybė: 2027 m. kovas');
    const link = issuedLink();
    const english = await (await fetch(withMonth(link, null, { lang: 'en' }))).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Quality of service by institution: March 2027');
    const previous = /<a href="([^"]+)" rel="prev">/.exec(english)![1]!.replaceAll('&amp;', '&');
    const february = await fetch(new URL(previous, t.app.url));
    expect(february.status).toBe(200);
    expect(await february.text()).toContain('February 2027');
    // April is under way: it shows its figures so far, and nothing after it.
    const next = /<a href="([^"]+)" rel="next">/.exec(english)![1]!.replaceAll('&amp;', '&');
    const april = await (await fetch(new URL(next, t.app.url))).text();
    expect(april).toContain('April 2027');
    expect(april).not.toContain('rel="next"');
    for (const month of ['2027-05', '2027-13', 'kovas']) expect((await fetch(withMonth(link, month))).status).toBe(400);
  });
});

describe('issue #17: only a valid city link opens the overview', () => {
  it('refuses an altered, incomplete or foreign link with 403 and an expired one with 410, showing no figure', async () => {
    const link = issuedLink(['--days', '2']);
    const altered = (name: string, value: string) => withMonth(link, '2027-03', { [name]: value });
    const sig = link.searchParams.get('sig')!;
    const report = new ReportLinks(SECRET, 3_600_000, clock).sign(march, 'someone');
    const refused = [
      altered('sig', `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`),
      altered('expires', String(Number(link.searchParams.get('expires')) + 86_400)),
      altered('holder', 'someone-else'),
      `${t.app.url}/city?month=2027-03`,
      // Signed with the same secret for another purpose (a report's CSV): it opens nothing here.
      `${t.app.url}/city?${new URLSearchParams({ holder: report.staff, expires: report.expires, sig: report.sig })}`,
    ];
    for (const url of refused) {
      for (const target of [url, url.replace('/city?', '/city/overview.csv?')]) {
        const response = await fetch(target);
        expect(response.status).toBe(403);
        const body = await response.text();
        expect(body).toContain('Nuoroda į miesto apžvalgą negalioja');
        expect(body).not.toContain('Saulutė');
      }
    }
    const now = clock.now();
    clock.set(new Date(now.getTime() + 2 * 86_400_000 + 1_000).toISOString());
    try {
      const expired = await fetch(link);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('This link has expired');
    } finally {
      clock.set(now.toISOString());
    }
  });

  it('npm run city:link refuses without LETTER_LINK_SECRET and outside 1–366 days', () => {
    expect(cityLink([], { PUBLIC_URL: t.app.url }, clock)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('LETTER_LINK_SECRET is not set') });
    for (const days of ['0', '367', '1.5', 'ten']) expect(cityLink(['--days', days], { LETTER_LINK_SECRET: SECRET }, clock)).toMatchObject({ code: 2, stdout: '' });
    const made = cityLink(['--days', '7'], { LETTER_LINK_SECRET: SECRET, PUBLIC_URL: 'https://langelis.kaunas.lt/' }, clock);
    expect(made.stdout).toMatch(/^https:\/\/langelis\.kaunas\.lt\/city\?holder=[0-9a-f-]{36}&expires=\d+&sig=[\w-]{43}\n$/);
    expect(Number(new URL(made.stdout).searchParams.get('expires')) * 1000 - clock.now().getTime()).toBeLessThanOrEqual(7 * 86_400_000);
  });
});

describe('issue #17: the database keeps the institutions apart, the city function aside', () => {
  it("the service's role reads no institution's facts unnamed and only its own when named, yet every institution's aggregates through the function", async () => {
    await asServiceRole(t.database, async (client) => {
      for (const table of ['quality_facts', 'quality_marks', 'rating_requests', 'inquiries']) {
        expect((await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(0);
      }
      await client.query('BEGIN');
      await client.query(`SELECT set_config('langelis.institution', $1, true)`, [String(secondId)]);
      expect((await client.query('SELECT DISTINCT institution_id FROM quality_facts')).rows).toEqual([{ institution_id: secondId }]);
      expect((await client.query('SELECT count(*)::int AS n FROM rating_requests WHERE institution_id = 1')).rows[0].n).toBe(0);
      await client.query('ROLLBACK');
      const { rows } = await client.query('SELECT institution_id, received FROM langelis_city_overview($1, $2, $3) ORDER BY institution_id', [march.from, march.to, clock.now()]);
      expect(rows).toEqual([
        { institution_id: 1, received: 6 },
        { institution_id: secondId, received: 4 },
        { institution_id: thirdId, received: 0 },
      ]);
    });
  });

  it('the function runs as its owner with a pinned search path, and only the service may run it', async () => {
    const [fn] = await t.database.asOwner<{ definer: boolean; config: string[]; public_may: boolean; app_may: boolean }>(
      `SELECT p.prosecdef AS definer, p.proconfig AS config,
         EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS public_may,
         has_function_privilege('langelis_app', p.oid, 'EXECUTE') AS app_may
       FROM pg_proc p WHERE p.proname = 'langelis_city_overview'`,
    );
    expect(fn).toEqual({ definer: true, config: ['search_path=public'], public_may: false, app_may: true });
  });
});
