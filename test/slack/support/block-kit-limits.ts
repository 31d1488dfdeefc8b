import type { RecordedCall } from './fake-slack-api.js';

/**
 * Slack's documented Block Kit limits; Slack rejects a payload that breaks one (`invalid_blocks`), so every
 * payload the bot sent is checked against them. Returns one line per violation.
 */
export function blockKitViolations(calls: RecordedCall[]): string[] {
  const problems: string[] = [];
  for (const call of calls) {
    const where = (path: string) => `${call.method}${path}`;
    if (Array.isArray(call.body.blocks)) {
      if (call.body.blocks.length > 50) problems.push(where(`: ${call.body.blocks.length} blocks > 50`));
      problems.push(...messageOnlyBlocks(call.body.blocks).map((problem) => where(problem)));
      walk(call.body.blocks, '.blocks', problems, where);
    }
    if (typeof call.body.text === 'string' && call.body.text.length > 40_000) problems.push(where('.text > 40000'));
    const view = call.body.view;
    if (view) {
      if (view.blocks.length > 100) problems.push(where(`.view: ${view.blocks.length} blocks > 100`));
      for (const key of ['title', 'submit', 'close']) {
        if (view[key] && view[key].text.length > 24) problems.push(where(`.view.${key} > 24`));
      }
      if ((view.private_metadata ?? '').length > 3000) problems.push(where('.view.private_metadata > 3000'));
      // Charts and tables are for messages only, not modals or the App Home.
      if (view.blocks.some((block: any) => block.type === 'data_visualization' || block.type === 'table')) problems.push(where('.view: a message-only block'));
      walk(view.blocks, '.view.blocks', problems, where);
    }
  }
  return problems;
}

/**
 * Slack's data visualization block (changelog 2026-06-16) and table block, per message: at most two charts and one
 * table; a chart's title and axis labels at most 50 characters; a line, bar or area chart has 1–12 uniquely named
 * series (bars 1–6) over 1–20 categories, each series one finite value per category, in the categories' order; a pie
 * 1–12 positive segments; every label at most 20 characters. A table: at most 100 rows of at most 20 cells.
 */
function messageOnlyBlocks(blocks: any[]): string[] {
  const problems: string[] = [];
  const charts = blocks.filter((block) => block.type === 'data_visualization');
  if (charts.length > 2) problems.push(`: ${charts.length} data_visualization blocks > 2`);
  if (blocks.filter((block) => block.type === 'table').length > 1) problems.push(': more than one table block');
  const label = (text: unknown, where: string) => {
    if (typeof text !== 'string' || text.length === 0 || text.length > 20) problems.push(`: ${where} label "${String(text)}" not 1–20 characters`);
  };
  for (const block of charts) {
    const at = `.blocks[${blocks.indexOf(block)}]`;
    if (typeof block.title !== 'string' || block.title.length === 0 || block.title.length > 50) problems.push(`${at}: chart title not 1–50 characters`);
    const chart = block.chart ?? {};
    if (chart.type === 'pie') {
      const segments: any[] = chart.segments ?? [];
      if (segments.length < 1 || segments.length > 12) problems.push(`${at}: pie with ${segments.length} segments, not 1–12`);
      for (const segment of segments) {
        label(segment.label, `${at} segment`);
        if (!(Number.isFinite(segment.value) && segment.value > 0)) problems.push(`${at}: pie segment value ${segment.value} not positive`);
      }
      continue;
    }
    if (!['line', 'bar', 'area'].includes(chart.type)) {
      problems.push(`${at}: chart type ${chart.type}`);
      continue;
    }
    const categories: any[] = chart.axis_config?.categories ?? [];
    const series: any[] = chart.series ?? [];
    if (categories.length < 1 || categories.length > 20) problems.push(`${at}: ${categories.length} categories, not 1–20`);
    categories.forEach((category) => label(category, `${at} category`));
    const most = chart.type === 'bar' ? 6 : 12;
    if (series.length < 1 || series.length > most) problems.push(`${at}: ${series.length} series, not 1–${most}`);
    if (new Set(series.map((one) => one.name)).size !== series.length) problems.push(`${at}: series names not unique`);
    for (const key of ['x_label', 'y_label']) {
      const text = chart.axis_config?.[key];
      if (text !== undefined && (typeof text !== 'string' || text.length > 50)) problems.push(`${at}: ${key} > 50`);
    }
    for (const one of series) {
      label(one.name, `${at} series`);
      const labels = (one.data ?? []).map((point: any) => point.label);
      if (JSON.stringify(labels) !== JSON.stringify(categories)) problems.push(`${at}: series "${one.name}" does not have one point per category, in order`);
      if ((one.data ?? []).some((point: any) => !Number.isFinite(point.value))) problems.push(`${at}: series "${one.name}" has a value that is not a finite number`);
    }
  }
  for (const block of blocks.filter((candidate) => candidate.type === 'table')) {
    const rows: any[][] = block.rows ?? [];
    if (rows.length < 1 || rows.length > 100) problems.push(`: table with ${rows.length} rows, not 1–100`);
    if (rows.some((row) => row.length > 20)) problems.push(': a table row with more than 20 cells');
  }
  return problems;
}

function walk(node: unknown, path: string, problems: string[], where: (path: string) => string): void {
  if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${path}[${index}]`, problems, where));
  if (typeof node !== 'object' || node === null) return;
  const object = node as Record<string, any>;
  if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string' && object.text.length > 3000) {
    problems.push(where(`${path}.text: ${object.text.length} > 3000`));
  }
  if (object.type === 'header' && object.text.text.length > 150) problems.push(where(`${path}: header > 150`));
  if (object.type === 'button') {
    if (object.text.text.length > 75) problems.push(where(`${path}: button label > 75`));
    if ((object.value ?? '').length > 2000) problems.push(where(`${path}: button value > 2000`));
    if ((object.action_id ?? '').length > 255) problems.push(where(`${path}: action_id > 255`));
  }
  if (object.type === 'section' && Array.isArray(object.fields)) {
    if (object.fields.length > 10) problems.push(where(`${path}: more than 10 fields`));
    object.fields.forEach((field: any, index: number) => {
      if (field.text.length > 2000) problems.push(where(`${path}.fields[${index}] > 2000`));
    });
  }
  if (object.type === 'actions' && object.elements.length > 25) problems.push(where(`${path}: more than 25 elements`));
  if (object.type === 'context' && object.elements.length > 10) problems.push(where(`${path}: more than 10 context elements`));
  if (object.type === 'button' && typeof object.url === 'string' && object.url.length > 3000) problems.push(where(`${path}: button url > 3000`));
  if (object.type === 'static_select' || object.type === 'overflow' || object.type === 'radio_buttons' || object.type === 'checkboxes') {
    const options: any[] = object.options ?? [];
    const [least, most] = object.type === 'overflow' ? [2, 5] : object.type === 'static_select' ? [1, 100] : [1, 10];
    if (options.length < least || options.length > most) problems.push(where(`${path}: ${object.type} with ${options.length} options, not ${least}–${most}`));
    if (options.some((option) => option.text.text.length > 75)) problems.push(where(`${path}: option > 75`));
    if (options.some((option) => String(option.value).length > 150)) problems.push(where(`${path}: option value > 150`));
  }
  if (object.type === 'plain_text_input' && typeof object.initial_value === 'string' && object.max_length && object.initial_value.length > object.max_length) {
    problems.push(where(`${path}: initial value longer than max_length`));
  }
  for (const [key, value] of Object.entries(object)) if (typeof value === 'object') walk(value, `${path}.${key}`, problems, where);
}
