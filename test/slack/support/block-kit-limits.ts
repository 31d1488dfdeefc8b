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
      walk(view.blocks, '.view.blocks', problems, where);
    }
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
