/** Adaptive Card 1.5 building blocks. Client text goes through `plain` (TextRun: no markdown, no links). */
export type CardElement = Record<string, unknown>;
export interface AdaptiveCard extends CardElement {
  type: 'AdaptiveCard';
  version: '1.5';
  body: CardElement[];
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Teams shows at most five actions in a row; more go into rows of three inside the body. Secondary actions
 * (`mode: 'secondary'`) sit in the card's "…" menu and do not count.
 */
const MAX_CARD_ACTIONS = 5;
const ROW = 3;

export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  const rows: CardElement[] = [];
  if (actions.filter((action) => action.mode !== 'secondary').length > MAX_CARD_ACTIONS) {
    for (let start = 0; start < actions.length; start += ROW) rows.push(actionSet(actions.slice(start, start + ROW)));
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [...body, ...rows],
    ...(actions.length > 0 && rows.length === 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/** Text we wrote ourselves (catalogue strings, staff names); may use the markdown subset of Teams. */
export function heading(text: string, color: 'default' | 'attention' | 'good' = 'default'): CardElement {
  return { type: 'TextBlock', text, wrap: true, size: 'Medium', weight: 'Bolder', color };
}

export function note(text: string, options: { subtle?: boolean; color?: 'attention' | 'good' | 'warning' } = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...(options.subtle ? { isSubtle: true } : {}), ...(options.color ? { color: options.color } : {}) };
}

/**
 * Text that may come from a client: shown literally, never as markdown, mentions or links. `href` (a `tel:` or
 * `mailto:` address we built) makes the text itself the link: one tap dials or writes.
 */
export function plain(text: string, options: { label?: string; italic?: boolean; href?: string } = {}): CardElement {
  const inlines: CardElement[] = [];
  if (options.label) inlines.push({ type: 'TextRun', text: `${options.label}: `, weight: 'Bolder' });
  const link = options.href ? { selectAction: { type: 'Action.OpenUrl', url: options.href } } : {};
  inlines.push({ type: 'TextRun', text: text === '' ? ' ' : text, ...(options.italic ? { italic: true } : {}), ...link });
  return { type: 'RichTextBlock', inlines };
}

export function fieldLines(fields: Array<{ label: string; value: string; href?: string }>): CardElement {
  return { type: 'Container', items: fields.map((field) => plain(field.value, { label: field.label, ...(field.href ? { href: field.href } : {}) })) };
}

export type ActionStyle = 'positive' | 'destructive';

/** A Universal Action: Teams sends an `adaptiveCard/action` invoke with this verb and data. */
export function execute(title: string, verb: string, data: Record<string, unknown>, style?: ActionStyle): CardElement {
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

/** Opens one of our dialogs (task module): Teams sends `task/fetch` with this data. */
export function openDialog(title: string, dialog: string, data: Record<string, unknown>, style?: ActionStyle): CardElement {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'task/fetch' }, dialog, ...data }, ...(style ? { style } : {}) };
}

/** A link (the printable letter): Teams opens it in the browser, no invoke. */
export function openUrl(title: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title, url };
}

/** Folds an action into the card's "…" menu (Adaptive Cards 1.5). */
export function secondary(action: CardElement): CardElement {
  return { ...action, mode: 'secondary' };
}

export function actionSet(actions: CardElement[]): CardElement {
  return { type: 'ActionSet', actions };
}
