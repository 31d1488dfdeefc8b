import type { ReportChart, ReportFigure, ReportTable, ReportView } from '../../core/reports/report-view.js';
import type { Button, DataVisualizationBlock, MessageBlock, TableBlock } from './block-types.js';
import { fallback, inert, labelled, mrkdwn, plain, LIMITS } from './elements.js';

export const REPORT_EXPORT_ACTION = 'open_report_export';

/** A section takes at most ten fields. */
const FIELDS_PER_SECTION = 10;

/** Slack's table block: at most 100 rows of at most 20 cells. */
const TABLE_ROWS = 100;

const MOODS: Record<ReportFigure['mood'], string> = { better: ' :large_green_circle:', worse: ' :red_circle:', same: '', none: '' };

/**
 * A report as a Slack message: the figures as section fields (up or down beside each), the core's charts as native
 * `data_visualization` blocks, the same data as a table, and the signed CSV link. `charts: false` is the fallback
 * for a workspace that refuses the chart block: the message without it, the table carrying the data.
 */
export function reportMessage(view: ReportView, options: { charts: boolean }): { text: string; blocks: MessageBlock[] } {
  const blocks: MessageBlock[] = [
    { type: 'header', text: plain(view.title, LIMITS.header) },
    { type: 'context', elements: [mrkdwn(inert(`${view.period}\n${view.scope}`))] },
  ];
  for (const group of view.groups) {
    blocks.push({ type: 'section', text: mrkdwn(`*${inert(group.heading)}*`) });
    for (let start = 0; start < group.figures.length; start += FIELDS_PER_SECTION) {
      const fields = group.figures.slice(start, start + FIELDS_PER_SECTION).map((figure) => field(figure));
      blocks.push({ type: 'section', fields });
    }
  }
  if (options.charts) blocks.push(...view.charts.map(chartBlock));
  if (view.table) blocks.push(...tableBlocks(view.table));
  if (view.export) blocks.push({ type: 'actions', block_id: 'report_export', elements: [exportButton(view.export.url, view.export.label)] });
  blocks.push({ type: 'context', elements: [mrkdwn(inert(view.footnote))] });
  return { text: fallback(view.title), blocks };
}

/** The report's CSV, a link button; Slack still sends its click, which the `open_report_export` listener acks. */
export function exportButton(url: string, label: string): Button {
  return { type: 'button', action_id: REPORT_EXPORT_ACTION, text: plain(label, LIMITS.buttonLabel), url };
}

function field(figure: ReportFigure) {
  const change = figure.change ? `\n_${inert(figure.change)}_${MOODS[figure.mood]}` : '';
  return mrkdwn(`${labelled(figure.label, figure.value).text}${change}`, LIMITS.sectionField);
}

/** The core's chart as Slack's block; the core has kept it within Slack's limits (CHART_LIMITS). */
export function chartBlock(chart: ReportChart): DataVisualizationBlock {
  const block_id = `report_${chart.id}`;
  if (chart.kind === 'pie') {
    const values = chart.series[0]?.values ?? [];
    return { type: 'data_visualization', block_id, title: chart.title, chart: { type: 'pie', segments: chart.categories.map((label, index) => ({ label, value: values[index]! })) } };
  }
  return {
    type: 'data_visualization',
    block_id,
    title: chart.title,
    chart: {
      type: chart.kind,
      series: chart.series.map((series) => ({ name: series.name, data: chart.categories.map((label, index) => ({ label, value: series.values[index]! })) })),
      axis_config: { categories: [...chart.categories], ...(chart.xLabel ? { x_label: chart.xLabel } : {}), ...(chart.yLabel ? { y_label: chart.yLabel } : {}) },
    },
  };
}

/** The caption, then the table block (the header row first). */
function tableBlocks(table: ReportTable): MessageBlock[] {
  const cell = (text: string) => ({ type: 'raw_text' as const, text });
  const rows = [table.columns, ...table.rows].slice(0, TABLE_ROWS).map((row) => row.map(cell));
  const block: TableBlock = { type: 'table', block_id: 'report_table', rows, column_settings: table.columns.map((_, index) => ({ align: index === 0 ? 'left' : 'right' })) };
  return [{ type: 'section', text: mrkdwn(`*${inert(table.caption)}*`) }, block];
}
