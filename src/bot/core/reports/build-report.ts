import type { ReportAccess } from '../../../domain/report-access.js';
import type { Compared, Period, PeriodName, QualityReport, TrendPoint } from '../../../domain/quality/report.js';
import { translate, type Language, type MessageKey } from '../i18n/index.js';
import { figuresOf, rounded, writtenFigure } from './figures.js';
import { CHART_LIMITS, clip, type FigureGroup, type ReportChart, type ReportTable, type ReportView } from './report-view.js';

/** Everything a report view is made of, loaded by `loadReport`; the view itself is decided here, purely. */
export interface ReportInputs {
  readonly access: ReportAccess;
  readonly periodName: PeriodName;
  /** The weekly digest says it is last week's report. */
  readonly purpose: 'command' | 'digest';
  /** The reader's own scope: themselves, their team, or the institution. */
  readonly own: QualityReport;
  /** A representative's institution totals; only `total` of it is ever shown. */
  readonly totals: QualityReport | null;
  /** Staff names by id (the representatives a manager or the head sees). */
  readonly names: ReadonlyMap<string, string>;
  readonly exportUrl: string | null;
  readonly language: Language;
  readonly zone: string;
}

const HEADINGS: Record<ReportAccess['kind'], MessageKey> = {
  representative: 'report.group.own',
  team: 'report.group.team',
  everything: 'report.group.institution',
};

const SCOPES: Record<ReportAccess['kind'], MessageKey> = {
  representative: 'report.scope.representative',
  team: 'report.scope.team',
  everything: 'report.scope.everything',
};

/** The report a person sees: their figures (and, for a representative, the institution's totals), charts, a table. */
export function buildReportView(inputs: ReportInputs): ReportView {
  const { access, own, totals, language } = inputs;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const groups: FigureGroup[] = [{ heading: t(HEADINGS[access.kind]), figures: figuresOf(own.total, language) }];
  // A representative sees the institution's totals beside their own, and nothing of a colleague.
  if (access.kind === 'representative' && totals) groups.push({ heading: t('report.group.institution'), figures: figuresOf(totals.total, language) });
  const charts = [trendChart(own, inputs), access.kind === 'representative' ? channelChart(own, language) : onTimeChart(own, inputs)];
  return {
    title: inputs.purpose === 'digest' ? t('report.digest') : t(`report.title.${inputs.periodName}`),
    period: t('report.period', { period: datesOf(own.period, inputs.zone), previous: datesOf(own.previousPeriod, inputs.zone) }),
    scope: t(SCOPES[access.kind]),
    groups,
    charts: charts.filter((chart): chart is ReportChart => chart !== null).slice(0, CHART_LIMITS.perMessage),
    table: access.kind === 'representative' ? channelTable(own, language) : staffTable(own, inputs),
    export: inputs.exportUrl ? { label: t('report.export'), url: inputs.exportUrl } : null,
    footnote: t('report.footnote'),
  };
}

/** "2027-03-01 – 2027-03-07": the period's first and last local day. */
function datesOf(period: Period, zone: string): string {
  const day = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return `${day(period.from)} – ${day(new Date(period.to.getTime() - 1))}`;
}

/** A bucket's label: the weekday in a week's report, else the bucket's first day (MM-DD). */
function bucketLabel(point: TrendPoint, period: Period, inputs: ReportInputs): string {
  const week = period.to.getTime() - period.from.getTime() <= 8 * 86_400_000;
  const locale = inputs.language === 'lt' ? 'lt-LT' : 'en-GB';
  const options: Intl.DateTimeFormatOptions = week ? { timeZone: inputs.zone, weekday: 'short' } : { timeZone: inputs.zone, month: '2-digit', day: '2-digit' };
  return clip(new Intl.DateTimeFormat(week ? locale : 'en-CA', options).format(point.from), CHART_LIMITS.label);
}

/** Received and resolved per bucket; more buckets than a chart takes are summed in neighbouring groups. */
function trendChart(report: QualityReport, inputs: ReportInputs): ReportChart | null {
  if (report.trend.length === 0) return null;
  const size = Math.ceil(report.trend.length / CHART_LIMITS.categories);
  const groups: TrendPoint[][] = [];
  for (let start = 0; start < report.trend.length; start += size) groups.push(report.trend.slice(start, start + size));
  const t = (key: MessageKey) => translate(inputs.language, key);
  return {
    id: 'trend',
    kind: 'line',
    title: clip(t('report.chart.trend'), CHART_LIMITS.title),
    categories: groups.map((group) => bucketLabel(group[0]!, report.period, inputs)),
    series: [
      { name: clip(t('report.figure.received'), CHART_LIMITS.label), values: groups.map((group) => group.reduce((sum, point) => sum + point.received, 0)) },
      { name: clip(t('report.figure.resolved'), CHART_LIMITS.label), values: groups.map((group) => group.reduce((sum, point) => sum + point.resolved, 0)) },
    ],
  };
}

/** "Ona O.": short enough for a chart's label. */
function shortName(name: string): string {
  const [first = name, ...rest] = name.split(' ');
  const initial = rest.length > 0 ? ` ${rest[rest.length - 1]!.charAt(0)}.` : '';
  return clip(`${first}${initial}`, CHART_LIMITS.label);
}

/** The people of the report, busiest first (received), as many as a chart takes. */
function busiest<T extends Compared>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.current.received - a.current.received);
}

/** A manager's or the head's: the share of first replies on time, per representative with replies due. */
function onTimeChart(report: QualityReport, inputs: ReportInputs): ReportChart | null {
  const rows = busiest(report.byRepresentative).filter((row) => row.current.firstReplyOnTimeShare !== null).slice(0, CHART_LIMITS.categories);
  if (rows.length === 0) return null;
  const t = (key: MessageKey) => translate(inputs.language, key);
  return {
    id: 'on_time',
    kind: 'bar',
    title: clip(t('report.chart.on_time'), CHART_LIMITS.title),
    categories: rows.map((row) => shortName(inputs.names.get(row.staffId) ?? '—')),
    series: [{ name: clip(t('report.chart.on_time_series'), CHART_LIMITS.label), values: rows.map((row) => rounded(row.current.firstReplyOnTimeShare!, 'share')) }],
    yLabel: clip(t('report.chart.percent_axis'), CHART_LIMITS.axisLabel),
  };
}

/** The channel's name in the reader's words; a channel the catalogue does not know yet is shown as stored. */
function channelName(channel: string, language: Language): string {
  try {
    return translate(language, `channel.${channel}` as MessageKey);
  } catch {
    return channel;
  }
}

/** A representative's own inquiries by the channel they came through. */
function channelChart(report: QualityReport, language: Language): ReportChart | null {
  const rows = busiest(report.byChannel).filter((row) => row.current.received > 0).slice(0, CHART_LIMITS.pieSegments);
  if (rows.length === 0) return null;
  return {
    id: 'channels',
    kind: 'pie',
    title: clip(translate(language, 'report.chart.channels'), CHART_LIMITS.title),
    categories: rows.map((row) => clip(channelName(row.channel, language), CHART_LIMITS.label)),
    series: [{ name: clip(translate(language, 'report.figure.received'), CHART_LIMITS.label), values: rows.map((row) => row.current.received) }],
  };
}

const TABLE_FIGURES = ['received', 'resolved', 'first_reply_on_time', 'overdue', 'rating'] as const;

function tableColumns(first: MessageKey, language: Language): string[] {
  return [translate(language, first), ...TABLE_FIGURES.map((id) => translate(language, `report.figure.${id}` as MessageKey))];
}

/** Per representative: the figures a manager or the head compares people by. */
function staffTable(report: QualityReport, inputs: ReportInputs): ReportTable | null {
  if (report.byRepresentative.length === 0) return null;
  const { language } = inputs;
  return {
    caption: translate(language, 'report.table.staff'),
    columns: tableColumns('report.column.person', language),
    rows: busiest(report.byRepresentative).map((row) => [inputs.names.get(row.staffId) ?? '—', ...TABLE_FIGURES.map((id) => writtenFigure(id, row.current, language))]),
  };
}

/** A representative's own figures per channel. */
function channelTable(report: QualityReport, language: Language): ReportTable | null {
  if (report.byChannel.length === 0) return null;
  return {
    caption: translate(language, 'report.table.channels'),
    columns: tableColumns('report.column.channel', language),
    rows: busiest(report.byChannel).map((row) => [channelName(row.channel, language), ...TABLE_FIGURES.map((id) => writtenFigure(id, row.current, language))]),
  };
}
