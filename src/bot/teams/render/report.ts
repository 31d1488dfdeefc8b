import type { FigureGroup, ReportChart, ReportTable, ReportView } from '../../core/reports/report-view.js';
import { adaptiveCard, heading, note, openUrl, type AdaptiveCard, type CardElement } from './elements.js';

const COLORS = { better: 'Good', worse: 'Attention', same: 'Default', none: 'Default' } as const;

/** A cell of a 1.5 Table: one text, wrapped. */
function cell(text: string, options: { bold?: boolean; color?: string; subtle?: boolean } = {}): CardElement {
  const text_block = { type: 'TextBlock', text, wrap: true, ...(options.bold ? { weight: 'Bolder' } : {}), ...(options.color ? { color: options.color } : {}), ...(options.subtle ? { isSubtle: true } : {}) };
  return { type: 'TableCell', items: [text_block] };
}

/** Rows of cells under a header row; the first column reads as the row's name. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): CardElement {
  return {
    type: 'Table',
    firstRowAsHeader: true,
    gridStyle: 'default',
    columns: header.map((_, index) => ({ width: index === 0 ? 2 : 1 })),
    rows: [header, ...rows].map((row, index) => ({ type: 'TableRow', cells: row.map((text) => cell(text, { bold: index === 0 })) })),
  };
}

/** One scope's figures: name, value, and the change against the previous period in the colour of its mood. */
function figureTable(group: FigureGroup): CardElement[] {
  const rows = group.figures.map((figure) => ({
    type: 'TableRow',
    cells: [cell(figure.label), cell(figure.value, { bold: true }), cell(figure.change, { color: COLORS[figure.mood], subtle: figure.mood === 'none' })],
  }));
  return [heading(group.heading), { type: 'Table', firstRowAsHeader: false, showGridLines: false, columns: [{ width: 3 }, { width: 2 }, { width: 3 }], rows }];
}

/** The chart's data as a table: what a client without Teams' chart elements shows instead. */
function chartFallback(chart: ReportChart): CardElement {
  return table(['', ...chart.series.map((series) => series.name)], chart.categories.map((category, index) => [category, ...chart.series.map((series) => String(series.values[index]))]));
}

/** The core's chart as Teams' chart element (Chart.Line, Chart.VerticalBar[.Grouped], Chart.Donut), each with its fallback. */
export function chartElement(chart: ReportChart): CardElement {
  const axes = { ...(chart.xLabel ? { xAxisTitle: chart.xLabel } : {}), ...(chart.yLabel ? { yAxisTitle: chart.yLabel } : {}) };
  const points = (values: readonly number[]) => chart.categories.map((x, index) => ({ x, y: values[index] }));
  const common = { id: `report_${chart.id}`, title: chart.title, fallback: chartFallback(chart) };
  if (chart.kind === 'pie') {
    const values = chart.series[0]?.values ?? [];
    return { type: 'Chart.Donut', ...common, data: chart.categories.map((legend, index) => ({ legend, value: values[index] })) };
  }
  if (chart.kind === 'bar' && chart.series.length === 1) return { type: 'Chart.VerticalBar', ...common, ...axes, data: points(chart.series[0]!.values) };
  const data = chart.series.map((series) => ({ legend: series.name, values: points(series.values) }));
  return { type: chart.kind === 'line' ? 'Chart.Line' : 'Chart.VerticalBar.Grouped', ...common, ...axes, data };
}

function dataTable(view: ReportTable): CardElement[] {
  return [heading(view.caption), table(view.columns, view.rows)];
}

/** A report as one card: whose figures and when, each scope's figures with their change, the charts, the table, the CSV link. */
export function reportCard(view: ReportView): AdaptiveCard {
  const body: CardElement[] = [
    { type: 'TextBlock', text: view.title, wrap: true, size: 'Large', weight: 'Bolder' },
    note(`${view.period}\n\n${view.scope}`, { subtle: true }),
    ...view.groups.flatMap(figureTable),
    ...view.charts.map(chartElement),
    ...(view.table ? dataTable(view.table) : []),
    note(view.footnote, { subtle: true }),
  ];
  return adaptiveCard(body, view.export ? [openUrl(view.export.label, view.export.url)] : []);
}
