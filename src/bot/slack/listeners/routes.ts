import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';

export type ActionListener = (args: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => Promise<void>;
export type ViewListener = (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => Promise<void>;

/**
 * The listener files add their buttons and forms here by id; Bolt gets one listener for all the buttons and one for
 * all the forms. Bolt runs every registered listener's middleware chain for every request, matching or not, before
 * the one that matches can ack: with one Bolt listener per button and form (about fifty) that walk was the largest
 * part of what a Claim click cost before its ack beyond a bare Bolt app (issue #16). An id nobody added matches no listener, as
 * before: Bolt leaves it unacked and logs it.
 */
export class SlackRoutes {
  private readonly actions = new Map<string, ActionListener>();
  /** Buttons whose id carries a part of its own (`open_attachment:<id>`), tried when no exact id matches. */
  private readonly actionPatterns: Array<{ pattern: RegExp; listener: ActionListener }> = [];
  private readonly views = new Map<string, ViewListener>();

  action(actionId: string | RegExp, listener: ActionListener): void {
    if (typeof actionId === 'string') add(this.actions, actionId, listener);
    else this.actionPatterns.push({ pattern: actionId, listener });
  }

  view(callbackId: string, listener: ViewListener): void {
    add(this.views, callbackId, listener);
  }

  /** After every file has added its own. */
  mount(app: App): void {
    if (this.actions.size > 0 || this.actionPatterns.length > 0) {
      const constraint = oneOf([exactly(this.actions.keys()), ...this.actionPatterns.map(({ pattern }) => pattern)]);
      app.action<BlockAction>({ type: 'block_actions', action_id: constraint }, (args) => this.actionFor(args.action.action_id)(args));
    }
    if (this.views.size > 0) {
      app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: exactly(this.views.keys()) }, (args) => this.views.get(args.view.callback_id)!(args));
    }
  }

  /** Bolt matched the id against the same ids and patterns, so one of them is there. */
  private actionFor(actionId: string): ActionListener {
    return this.actions.get(actionId) ?? this.actionPatterns.find(({ pattern }) => pattern.test(actionId))!.listener;
  }
}

function add<L>(table: Map<string, L>, id: string, listener: L): void {
  if (table.has(id)) throw new Error(`slack: two listeners for ${id}`);
  table.set(id, listener);
}

/** Matches exactly one of the ids, the way Bolt matches a string constraint. */
function exactly(ids: Iterable<string>): RegExp {
  return new RegExp(`^(?:${[...ids].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}

/** Matches what any of the patterns matches (none of them has flags that would change the meaning). */
function oneOf(patterns: RegExp[]): RegExp {
  return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'));
}
