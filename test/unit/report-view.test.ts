import { parseCommand } from '../../src/bot/core/commands/intent.js';
import { buildReportView, type ReportInputs } from '../../src/bot/core/reports/build-report.js';
import { CHART_LIMITS } from '../../src/bot/core/reports/report-view.js';
import { reportMessage } from '../../src/bot/slack/render/report.js';
import { reportCard } from '../../src/bot/teams/render/report.js';
import type { Compared, QualityFigures, QualityReport, QualityRow, ReportScope } from '../../src/domain/quality/report.js';
import { reportAccessOf } from '../../src/domain/report-access.js';
import { ReportLinks } from '../../src/domain/report-link.js';
import type { StaffMember } from '../../src/domain/staff.js';
import { csvCell } from '../../src/web/csv.js';
import { csvLine } from '../../src/web/reports.js';
import { ManualClock } from '../support/app.js';
import { blockKitViolations } from '../slack/support/block-kit-limits.js';
import { chartsIn, reportCardProblems } from '../teams/support/chart-cards.js';

/** Figures with everything zero or absent, then what a case sets. */
function figures(set: Partial<QualityFigures> = {}): QualityFigures {
  return {
    received: 0, resolved: 0, open: 0, firstReplyOnTimeShare: null, firstReplyMedianOfficeMinutes: null, firstReplyP90OfficeMinutes: null,
    resolvedOnTimeShare: null, overdue: 0, escalatedConflicts: 0, incidents: 0, missedCallbacks: 0, summariesOnTimeShare: null, reopened: 0,
    ratings: { requested: 0, answered: 0, responseRate: null, average: null, distribution: [0, 0, 0, 0, 0], satisfactionIndex: null },
    ...set,
  };
}

const compared = (current: Partial<QualityFigures>, previous: Partial<QualityFigures> = {}): Compared => ({ current: figures(current), previous: figures(previous) });

const WEEK = { from: new Date('2027-03-01T00:00:00+02:00'), to: new Date('2027-03-08T00:00:00+02:00') };
const LAST_WEEK = { from: new Date('2027-02-22T00:00:00+02:00'), to: new Date('2027-03-01T00:00:00+02:00') };
const day = (n: number) => new Date(WEEK.from.getTime() + n * 86_400_000);

function report(scope: ReportScope, set: Partial<QualityReport> = {}): QualityReport {
  return { period: WEEK, previousPeriod: LAST_WEEK, scope, total: compared({}), byRepresentative: [], byChannel: [], byKind: [], trend: [], ...set };
}

function person(id: string, roles: StaffMember['roles']): StaffMember {
  return { id, firstName: id, surname: 'X', position: null, phone: null, email: `${id}@daigelis.lt`, language: 'lt', roles, slackUserId: null, teamsUserId: null, managerId: null, active: true };
}

const trend = Array.from({ length: 7 }, (_, n) => ({ from: day(n), received: n, resolved: n > 0 ? n - 1 : 0, firstReplyOnTimeShare: null }));

function inputs(reader: StaffMember, set: Partial<ReportInputs> = {}): ReportInputs {
  const access = reportAccessOf(reader);
  return { access, periodName: 'week', purpose: 'command', own: report(access.own), totals: null, names: new Map(), exportUrl: 'https://langelis.example/reports/export.csv?x=1', language: 'lt', zone: 'Europe/Vilnius', ...set };
}

describe('R60.internal: who sees what (report-access.ts)', () => {
  it('a representative sees their own figures and the institution’s totals; a manager their team; the head and admins everything', () => {
    expect(reportAccessOf(person('ona', ['representative']))).toEqual({ kind: 'representative', own: { kind: 'representative', staffId: 'ona' }, totals: { kind: 'institution' } });
    expect(reportAccessOf(person('vida', ['manager', 'representative']))).toEqual({ kind: 'team', own: { kind: 'team', managerId: 'vida' } });
    expect(reportAccessOf(person('dalia', ['head'])).own).toEqual({ kind: 'institution' });
    expect(reportAccessOf(person('aldona', ['admin'])).own).toEqual({ kind: 'institution' });
  });
});

describe('R60.internal: the report view (decided once, src/bot/core/reports)', () => {
  it('a representative’s report: their figures and the institution’s totals, never a colleague’s row', () => {
    const ona = person('ona', ['representative']);
    const own = report({ kind: 'representative', staffId: 'ona' }, {
      total: compared({ received: 4, firstReplyOnTimeShare: 0.866, overdue: 1 }, { received: 2, firstReplyOnTimeShare: 0.5, overdue: 3 }),
      byRepresentative: [{ staffId: 'ona', ...compared({ received: 4 }) }],
      byChannel: [{ channel: 'email', ...compared({ received: 3 }) }, { channel: 'phone', ...compared({ received: 1 }) }],
      trend,
    });
    // The institution's report carries everyone; only its total may be shown.
    const totals = report({ kind: 'institution' }, { total: compared({ received: 9 }), byRepresentative: [{ staffId: 'jonas', ...compared({ received: 5 }) }] });
    const view = buildReportView(inputs(ona, { own, totals, names: new Map([['jonas', 'Jonas Jonaitis']]) }));
    expect(view.groups.map((group) => group.heading)).toEqual(['Jūsų rodikliai', 'Visa įstaiga']);
    const mine = Object.fromEntries(view.groups[0]!.figures.map((figure) => [figure.id, figure]));
    expect(mine.received).toMatchObject({ value: '4', change: '▲ +2 (buvo 2)', mood: 'none' });
    // Rounding: shares as whole percents, changes in percentage points; fewer overdue is better.
    expect(mine.first_reply_on_time).toMatchObject({ value: '87 %', change: '▲ +37 proc. p. (buvo 50 %)', mood: 'better' });
    expect(mine.overdue).toMatchObject({ value: '1', change: '▼ −2 (buvo 3)', mood: 'better' });
    expect(mine.first_reply_median).toMatchObject({ value: '—', change: '', mood: 'none' });
    expect(view.groups[1]!.figures.find((figure) => figure.id === 'received')!.value).toBe('9');
    expect(JSON.stringify(view)).not.toContain('Jonas');
    expect(view.charts.map((chart) => [chart.id, chart.kind])).toEqual([['trend', 'line'], ['channels', 'pie']]);
    expect(view.table!.rows.map((row) => row[0])).toEqual(['El. paštas', 'Telefonas']);
  });

  it('a manager’s report: the team’s figures, a chart and a table per person, busiest first, in English for English readers', () => {
    const vida = person('vida', ['manager', 'representative']);
    const own = report({ kind: 'team', managerId: 'vida' }, {
      total: compared({ received: 7, open: 2 }),
      byRepresentative: [
        { staffId: 'ona', ...compared({ received: 2, firstReplyOnTimeShare: 1 }) },
        { staffId: 'jonas', ...compared({ received: 5, firstReplyOnTimeShare: 0.4, ratings: { ...figures().ratings, average: 4.25 } }) },
        { staffId: 'rasa', ...compared({ received: 0 }) },
      ],
      trend,
    });
    const names = new Map([['ona', 'Ona Onaitė'], ['jonas', 'Jonas Jonaitis'], ['rasa', 'Rasa Rasaitė']]);
    const view = buildReportView(inputs(vida, { own, names, language: 'en' }));
    expect(view.title).toBe('Weekly service report');
    expect(view.groups.map((group) => group.heading)).toEqual(['Your team']);
    const onTime = view.charts.find((chart) => chart.id === 'on_time')!;
    // Rasa had no first reply due: she is in the table, not in the on-time chart.
    expect(onTime.categories).toEqual(['Jonas J.', 'Ona O.']);
    expect(onTime.series[0]!.values).toEqual([40, 100]);
    expect(view.table!.columns[0]).toBe('Person');
    expect(view.table!.rows).toEqual([
      ['Jonas Jonaitis', '5', '0', '40%', '0', '4.3'],
      ['Ona Onaitė', '2', '0', '100%', '0', '—'],
      ['Rasa Rasaitė', '0', '0', '—', '0', '—'],
    ]);
  });

  it('charts keep within the strictest platform’s limits: two per message, titles ≤ 50, at most 20 categories (a month of days is grouped)', () => {
    const head = person('dalia', ['head']);
    const month = Array.from({ length: 31 }, (_, n) => ({ from: new Date(WEEK.from.getTime() + n * 86_400_000), received: 1, resolved: 1, firstReplyOnTimeShare: null }));
    const many = Array.from({ length: 30 }, (_, n) => ({ staffId: `s${n}`, ...compared({ received: n, firstReplyOnTimeShare: 0.5 }) }));
    const own = report({ kind: 'institution' }, { period: { from: WEEK.from, to: new Date('2027-04-01T00:00:00+03:00') }, trend: month, byRepresentative: many });
    const names = new Map(many.map((row) => [row.staffId, `Labai Ilgas Vardas Pavardenis ${row.staffId}`]));
    const view = buildReportView(inputs(head, { own, names, periodName: 'month' }));
    expect(view.charts.length).toBeLessThanOrEqual(CHART_LIMITS.perMessage);
    for (const chart of view.charts) {
      expect([...chart.title].length).toBeLessThanOrEqual(50);
      expect(chart.categories.length).toBeLessThanOrEqual(20);
      for (const label of chart.categories) expect([...label].length).toBeLessThanOrEqual(20);
      for (const series of chart.series) expect(series.values).toHaveLength(chart.categories.length);
    }
    const trendChart = view.charts.find((chart) => chart.id === 'trend')!;
    expect(trendChart.series[0]!.values.reduce((sum, value) => sum + value, 0)).toBe(31);
    expect(view.table!.rows).toHaveLength(30);
  });

  it('renders as a Slack message within Block Kit’s limits (charts as data_visualization blocks), and without charts as the fallback', () => {
    const vida = person('vida', ['manager']);
    const own = report({ kind: 'team', managerId: 'vida' }, { byRepresentative: [{ staffId: 'ona', ...compared({ received: 2, firstReplyOnTimeShare: 1 }) }], trend });
    const view = buildReportView(inputs(vida, { own, names: new Map([['ona', 'Ona Onaitė']]) }));
    const withCharts = reportMessage(view, { charts: true });
    const charts = withCharts.blocks.filter((block) => block.type === 'data_visualization');
    expect(charts.map((block) => (block as { chart: { type: string } }).chart.type)).toEqual(['line', 'bar']);
    expect(blockKitViolations([{ method: 'chat.postMessage', status: 200, body: JSON.parse(JSON.stringify(withCharts)) }])).toEqual([]);
    const without = reportMessage(view, { charts: false });
    expect(without.blocks.some((block) => block.type === 'data_visualization')).toBe(false);
    expect(without.blocks.some((block) => block.type === 'table')).toBe(true);
    expect(JSON.stringify(without)).toContain('reports/export.csv');
  });

  it('the Block Kit check catches a chart block that breaks Slack’s limits', () => {
    const long = 'x'.repeat(51);
    const chart = (over: Record<string, unknown>) => ({ type: 'data_visualization', title: 'T', chart: { type: 'bar', series: [{ name: 'a', data: [{ label: 'c', value: 1 }] }], axis_config: { categories: ['c'] } }, ...over });
    const problems = blockKitViolations([
      { method: 'chat.postMessage', status: 200, body: { blocks: [chart({}), chart({}), chart({ title: long })] } },
      { method: 'chat.postMessage', status: 200, body: { blocks: [chart({ chart: { type: 'pie', segments: [{ label: 'a', value: 0 }] } })] } },
      { method: 'chat.postMessage', status: 200, body: { blocks: [chart({ chart: { type: 'line', series: [{ name: 'a', data: [{ label: 'c', value: null }] }], axis_config: { categories: ['c', 'd'] } } })] } },
      { method: 'views.publish', status: 200, body: { view: { type: 'home', blocks: [chart({})] } } },
    ]);
    expect(problems).toEqual([
      'chat.postMessage: 3 data_visualization blocks > 2',
      'chat.postMessage.blocks[2]: chart title not 1–50 characters',
      'chat.postMessage.blocks[0]: pie segment value 0 not positive',
      'chat.postMessage.blocks[0]: series "a" does not have one point per category, in order',
      'chat.postMessage.blocks[0]: series "a" has a value that is not a finite number',
      'views.publish.view: a message-only block',
    ]);
  });

  it('renders as a Teams card whose chart elements each carry a fallback, valid Adaptive Card 1.5 for clients without charts', () => {
    const ona = person('ona', ['representative']);
    const own = report({ kind: 'representative', staffId: 'ona' }, { byChannel: [{ channel: 'web', ...compared({ received: 2 }) }], trend });
    const card = reportCard(buildReportView(inputs(ona, { own, totals: report({ kind: 'institution' }) })));
    expect(chartsIn(card).map((chart) => chart.type)).toEqual(['Chart.Line', 'Chart.Donut']);
    expect(reportCardProblems(card)).toEqual([]);
    const broken = { ...card, body: [...card.body, { type: 'Chart.VerticalBar', title: 'x', data: [{ x: 'a', y: 1 }] }] };
    expect(reportCardProblems(broken)).toContain('chart: Chart.VerticalBar without a fallback element a 1.5 client renders');
  });
});

describe('R60.internal: the report command and its CSV link', () => {
  it('`report [week|month|quarter]` (Lithuanian period names too); anything else is its usage', () => {
    expect(parseCommand('report', [])).toEqual({ do: 'report', period: 'week' });
    expect(parseCommand('report Month', [])).toEqual({ do: 'report', period: 'month' });
    expect(parseCommand('report ketvirtis', [])).toEqual({ do: 'report', period: 'quarter' });
    expect(parseCommand('report year', [])).toEqual({ do: 'usage', word: 'report' });
  });

  it('a signed export link opens for its period and person until it expires; altered, it opens nothing', () => {
    const clock = new ManualClock(new Date('2027-03-03T10:00:00+02:00'));
    const links = new ReportLinks('s'.repeat(32), 24 * 3_600_000, clock);
    const query = links.sign(WEEK, 'ona-id');
    expect(links.verify(query)).toEqual({ ok: true, period: WEEK, staffId: 'ona-id' });
    expect(links.verify({ ...query, staff: 'jonas-id' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(links.verify({ ...query, from: String(Number(query.from) - 86_400) })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(new ReportLinks('t'.repeat(32), 24 * 3_600_000, clock).verify(query)).toEqual({ ok: false, reason: 'bad_signature' });
    clock.set('2027-03-04T10:00:00+02:00');
    expect(links.verify(query)).toEqual({ ok: false, reason: 'expired' });
  });

  it('CSV cells: instants in ISO 8601, quotes doubled, and nothing a spreadsheet would run as a formula', () => {
    expect(csvCell(new Date('2027-03-01T07:00:00Z'))).toBe('2027-03-01T07:00:00.000Z');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(false)).toBe('false');
    const row: QualityRow = {
      registryNumber: '2027-000001', channel: 'email', kind: 'question', ownerId: 'ona-id', receivedAt: new Date('2027-03-01T07:00:00Z'),
      firstReplyDue: null, firstReplyAt: null, firstReplyOfficeMinutes: null, resolutionDue: null, resolvedAt: null, overdue: true,
      escalatedConflicts: 0, incidents: 0, missedCallbacks: 0, summariesDue: 0, summariesOnTime: 0, reopened: 0, ratingScore: 5,
    };
    expect(csvLine(row)).toBe('2027-000001,email,question,ona-id,2027-03-01T07:00:00.000Z,,,,,,true,0,0,0,0,0,0,5\r\n');
  });
});
