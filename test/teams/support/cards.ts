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

/** Problems the adaptivecards parser (targeting 1.5) and the 1.5 JSON schema find in a card; [] when valid. */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
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
