import type { Activity, TurnContext } from 'botbuilder';
import { DomainError } from '../../domain/errors.js';
import type { StaffMember } from '../../domain/staff.js';
import type { Logger } from '../../logger.js';
import { describeError } from '../core/describe-error.js';
import { staffLanguage, translate, type Language } from '../core/i18n/index.js';
import { CARD_CONTENT_TYPE, type AdaptiveCard } from './render/elements.js';
import { translateConnectorError } from './errors.js';

/** One incoming activity from a known staff member, with the language to answer in. */
export interface Turn {
  context: TurnContext;
  activity: Activity;
  actor: StaffMember;
  language: Language;
}

/** What a click on a Universal Action answers: a card replacing it for the clicker, or a short message. */
export type ActionResult = { card: AdaptiveCard } | { message: string };

/** What a dialog (task module) answers: show a form (again, with errors), say something, or just close. */
export type DialogResult = { form: { title: string; card: AdaptiveCard } } | { message: string } | { close: true };

export type Data = Record<string, unknown>;

export interface DialogHandlers {
  fetch(turn: Turn, data: Data): Promise<DialogResult>;
  submit(turn: Turn, data: Data): Promise<DialogResult>;
}

/**
 * Teams waits about five seconds for an invoke's answer (and may send it again). Past this budget the person is
 * told the work is under way and it finishes afterwards; the cards catch up through the notifier.
 */
export const INVOKE_BUDGET_MS = 4_000;

/** Looks up who is acting; null when they are not in the staff directory. */
export type ActorResolver = (activity: Activity) => Promise<StaffMember | null>;

/**
 * Routes each activity to the one listener registered for it. Listeners get a known staff member or are not
 * called at all: an unknown person gets `error.STAFF.NOT_FOUND` here, and any coded error becomes words here.
 */
export class TeamsRouter {
  private readonly observers: Array<(context: TurnContext) => Promise<void>> = [];
  private readonly conversationUpdates: Array<(context: TurnContext) => Promise<void>> = [];
  private readonly actions = new Map<string, (turn: Turn, data: Data) => Promise<ActionResult>>();
  private readonly dialogs = new Map<string, DialogHandlers>();
  private messageHandler: ((turn: Turn, text: string) => Promise<void>) | null = null;
  /** Invokes answered before their work finished; awaited on shutdown. */
  private readonly unfinished = new Set<Promise<unknown>>();

  constructor(
    private readonly resolveActor: ActorResolver,
    private readonly logger: Logger,
    private readonly budgetMs = INVOKE_BUDGET_MS,
  ) {}

  /** Waits for work that outlived its invoke's answer. */
  async drain(): Promise<void> {
    await Promise.all([...this.unfinished]);
  }

  /** Runs for every activity before routing (e.g. to remember how to reach its sender). */
  observe(handler: (context: TurnContext) => Promise<void>): void {
    this.observers.push(handler);
  }

  onConversationUpdate(handler: (context: TurnContext) => Promise<void>): void {
    this.conversationUpdates.push(handler);
  }

  onMessage(handler: (turn: Turn, text: string) => Promise<void>): void {
    this.messageHandler = handler;
  }

  onAction(verb: string, handler: (turn: Turn, data: Data) => Promise<ActionResult>): void {
    this.actions.set(verb, handler);
  }

  onDialog(name: string, handlers: DialogHandlers): void {
    this.dialogs.set(name, handlers);
  }

  async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    for (const observe of this.observers) await observe(context);
    if (activity.type === 'conversationUpdate') {
      for (const handle of this.conversationUpdates) await handle(context);
      return;
    }
    if (activity.type === 'message') return this.message(context);
    if (activity.type === 'invoke') return this.invoke(context);
  }

  private async message(context: TurnContext): Promise<void> {
    if (!this.messageHandler) return;
    const handler = this.messageHandler;
    const text = commandText(context);
    const turn = await this.turn(context);
    if (!('actor' in turn)) {
      await context.sendActivity(turn.refusal);
      return;
    }
    try {
      await handler(turn, text);
    } catch (error) {
      this.logFailure(error, context);
      await context.sendActivity(describeError(error, turn.language));
    }
  }

  private async invoke(context: TurnContext): Promise<void> {
    const { name, value } = context.activity;
    const payload = (value ?? {}) as { action?: { verb?: unknown; data?: unknown }; data?: unknown };
    if (name === 'adaptiveCard/action') {
      const handler = this.actions.get(String(payload.action?.verb ?? ''));
      if (!handler) return this.answer(context, 400, { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown verb' } });
      const data = asData(payload.action?.data);
      const result = await this.guard(context, (turn) => handler(turn, data), (message) => ({ message }));
      return this.answer(context, 200, actionBody(result));
    }
    if (name === 'task/fetch' || name === 'task/submit') {
      const data = asData(payload.data);
      const dialog = this.dialogs.get(String(data.dialog ?? ''));
      if (!dialog) return this.answer(context, 200, dialogBody({ close: true }));
      const step = name === 'task/fetch' ? dialog.fetch.bind(dialog) : dialog.submit.bind(dialog);
      const result = await this.guard(context, (turn) => step(turn, data), (message) => ({ message }));
      return this.answer(context, 200, dialogBody(result));
    }
    // Not 501 (botbuilder's habit): an invoke we do not know is the sender's mistake, said the way Teams shows it.
    return this.answer(context, 400, { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown invoke' } });
  }

  /**
   * Runs a listener for a known person within the invoke budget; refusals and errors come back as
   * `fallback(words)`, and so does "under way" when the budget runs out first.
   */
  private async guard<T>(context: TurnContext, work: (turn: Turn) => Promise<T>, fallback: (message: string) => T): Promise<T> {
    const turn = await this.turn(context);
    if (!('actor' in turn)) return fallback(turn.refusal);
    const running = work(turn).then(
      (result) => ({ result }),
      (error: unknown) => {
        this.logFailure(error, context);
        return { result: fallback(describeError(error, turn.language)) };
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.budgetMs);
    });
    const outcome = await Promise.race([running, late]);
    clearTimeout(timer);
    if (outcome) return outcome.result;
    const tracked = running.finally(() => this.unfinished.delete(tracked));
    this.unfinished.add(tracked);
    return fallback(translate(turn.language, 'teams.working'));
  }

  private async turn(context: TurnContext): Promise<Turn | { refusal: string }> {
    const actor = await this.resolveActor(context.activity);
    const localeLanguage = staffLanguage(context.activity.locale);
    if (!actor) return { refusal: describeError(new DomainError('STAFF.NOT_FOUND', 'Unknown Teams user'), localeLanguage) };
    // English when the person chose it, or when their Teams speaks English.
    const language: Language = actor.language === 'en' || localeLanguage === 'en' ? 'en' : 'lt';
    return { context, activity: context.activity, actor, language };
  }

  private async answer(context: TurnContext, status: number, body: unknown): Promise<void> {
    await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
  }

  private logFailure(error: unknown, context: TurnContext): void {
    const where = { activityType: context.activity.type, invoke: context.activity.name };
    if (error instanceof DomainError) this.logger.info({ ...where, code: error.code }, 'teams: refused');
    else this.logger.error({ ...where, err: translateConnectorError(error) }, 'teams: listener failed');
  }
}

/** Only the asker reads this conversation: their 1:1 chat with the bot (the Emulator's chats count as 1:1). */
export function isPersonalChat(activity: Activity): boolean {
  return activity.conversation?.conversationType === 'personal' || activity.channelId === 'emulator';
}

function asData(value: unknown): Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};
}

/** The message text without the bot's @mention and Teams' HTML wrapping. */
function commandText(context: TurnContext): string {
  const mentions = (context.activity.entities ?? []).filter((entity) => entity.type === 'mention');
  let text = context.activity.text ?? '';
  for (const mention of mentions) {
    if ((mention as { mentioned?: { id?: string } }).mentioned?.id === context.activity.recipient?.id) {
      text = text.replace(String((mention as { text?: string }).text ?? ''), ' ');
    }
  }
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function actionBody(result: ActionResult): unknown {
  if ('card' in result) return { statusCode: 200, type: CARD_CONTENT_TYPE, value: result.card };
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.message };
}

function dialogBody(result: DialogResult): unknown {
  if ('form' in result) {
    return {
      task: {
        type: 'continue',
        value: { title: result.form.title, width: 'medium', height: 'large', card: { contentType: CARD_CONTENT_TYPE, content: result.form.card } },
      },
    };
  }
  if ('message' in result) return { task: { type: 'message', value: result.message } };
  return undefined;
}
