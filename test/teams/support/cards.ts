import { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
// The `lib/` entry of adaptivecards does not load in Node; the bundled dist does (FACTS.md).
const AC = require('adaptivecards/dist/adaptivecards.js');

let schemaValidator: ((card: unknown) => boolean) & { errors?: unknown } | null = null;

function schema() {
  if (schemaValidator) return schemaValidator;
  const file = path.resolve(process.cwd(), '../shared/schemas/adaptive-cards/adaptive-card-1.5.0.json');
  const { id, ...rest } = JSON.parse(readFileSync(file, 'utf8'));
  const ajv = new (Ajv as unknown as typeof Ajv.default)({ strict: false, allErrors: true });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  schemaValidator = ajv.compile({ ...rest, $id: id });
  return schemaValidator!;
}

/** The parser's default host allows five buttons in a row; the cards keep to that for their primary actions. */
const MAX_PRIMARY_ACTIONS = 5;

/** How many primary (not `mode: 'secondary'`) actions each action collection of a card has. */
function primaryActionCounts(card: unknown): number[] {
  const counts: number[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (Array.isArray(element.actions)) counts.push(element.actions.filter((action) => (action as { mode?: string }).mode !== 'secondary').length);
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return counts;
}

/** Problems the adaptivecards parser (targeting 1.5) and the 1.5 JSON schema find in a card; [] when valid. */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) {
    // The parser counts every action against the host's maximum; Teams puts secondary ones in an overflow menu
    // without a limit ("Adaptive Cards overflow menu", Teams docs), so only primary buttons are counted, below.
    if (event.event !== AC.ValidationEvent.TooManyActions) problems.push(`validate: ${event.message}`);
  }
  for (const count of primaryActionCounts(card)) {
    if (count > MAX_PRIMARY_ACTIONS) problems.push(`validate: ${count} primary actions in one set (at most ${MAX_PRIMARY_ACTIONS})`);
  }
  // The schema knows nothing of Teams' `msteams` extension.
  const { msteams: _msteams, ...plainCard } = card as Record<string, unknown>;
  const validate = schema();
  if (!validate(plainCard)) problems.push(`schema: ${JSON.stringify(validate.errors).slice(0, 500)}`);
  return problems;
}

/** Every Adaptive Card attached to an activity body the bot sent. */
export function cardsIn(body: Record<string, unknown>): unknown[] {
  return ((body.attachments as Array<{ contentType: string; content: unknown }> | undefined) ?? [])
    .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((attachment) => attachment.content);
}

/** All visible text of a card, for assertions. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'label') && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join('\n');
}

/** The verbs of a card's Action.Execute buttons and the dialogs its task-module buttons open. */
export function cardButtons(card: unknown): string[] {
  const buttons: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, any>;
      if (element.type === 'Action.Execute') buttons.push(element.verb);
      if (element.type === 'Action.Submit' && element.data?.dialog) buttons.push(`dialog:${element.data.dialog}`);
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return buttons;
}

/** Every action of a card (buttons in its actions and in action sets), in order. */
export function cardActions(card: unknown): Array<Record<string, any>> {
  const actions: Array<Record<string, any>> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, any>;
      if (typeof element.type === 'string' && element.type.startsWith('Action.')) actions.push(element);
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return actions;
}

/** What Teams sends when the button is clicked: a dialog button's task/fetch data (without its msteams marker). */
export function dialogButtonData(card: unknown, dialog: string): Record<string, unknown> {
  const button = cardActions(card).find((action) => action.type === 'Action.Submit' && action.data?.dialog === dialog);
  if (!button) throw new Error(`no ${dialog} button on the card`);
  const { msteams: _msteams, ...data } = button.data as Record<string, unknown>;
  return data;
}

/** The data an Action.Execute button sends with its verb. */
export function verbButtonData(card: unknown, verb: string): Record<string, unknown> {
  const button = cardActions(card).find((action) => action.type === 'Action.Execute' && action.verb === verb);
  if (!button) throw new Error(`no ${verb} button on the card`);
  return button.data as Record<string, unknown>;
}

/** The value an input of a form card starts with. */
export function inputValue(card: unknown, id: string): unknown {
  let found: unknown;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, any>;
      if (typeof element.type === 'string' && element.type.startsWith('Input.') && element.id === id) found = element.value;
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The error shown right under a form's field (a date-time field by its `…Date` input), or null. */
export function fieldError(card: unknown, id: string): string | null {
  const body = (card as { body: Array<Record<string, any>> }).body;
  const index = body.findIndex((element) => JSON.stringify(element).includes(`"id":"${id}"`) || JSON.stringify(element).includes(`"id":"${id}Date"`));
  const next = body[index + 1];
  return index >= 0 && next?.type === 'TextBlock' && next.color === 'attention' ? (next.text as string) : null;
}
