import type { CastName } from '../cast.js';

export type PlatformId = 'slack' | 'teams';

/**
 * One thing a platform showed someone, in platform-neutral terms (plan §6.2). `to`: `announcement` (the inquiry's
 * message in the staff channel), `thread` (a reply under it), `channel` (any other top-level post), `dm:<cast>`,
 * `private:<cast>` (an answer only the actor sees: ephemeral, response URL, invoke answer, reply in their chat),
 * `form`. Several updates of one message within a row count once: the reader sees its last state.
 */
export interface Delivery {
  to: string;
  op: 'post' | 'update';
  /** A catalogue key (see notices.ts) or `inquiry.card`. */
  notice: string;
  /** Neutral action names, sorted: `claim`, `open`, `form.log_call`, `escalation.acknowledge`, `link`… */
  actions: string[];
  /** Secondary catalogue lines present, e.g. `notice.call.retry`. */
  marks: string[];
  /** Registry numbers in order, for lists. */
  numbers: string[];
}

/** A position in a driver's record of what the platform was asked to show. */
export type Mark = Readonly<Record<string, number>>;

/** A click on a button the bot showed, as the platform would send it. */
export interface Click {
  by: CastName;
  /** Neutral action name on the inquiry card. */
  action: 'claim';
  inquiryId: string;
}

/**
 * A press on any button the bot showed, found where it was shown: the inquiry's announcement (its card menu
 * included), or the latest message naming the inquiry in `dmOf`'s direct chat. `by` may differ from `dmOf`: a
 * forwarded or forged click, which the bot must refuse.
 */
export interface Press {
  by: CastName;
  /** Neutral action name, as `Delivery.actions` lists it: `release`, `open`, `escalation.acknowledge`… */
  action: string;
  inquiryId: string;
  dmOf?: CastName;
}

/** Drives one platform of the running app through its wire and reads back what it delivered. */
export interface Driver {
  readonly platform: PlatformId;
  mark(): Mark;
  deliveriesSince(mark: Mark): Delivery[];
  /** Clicks a card button on the announcement. */
  click(click: Click): Promise<void>;
  /** Presses a button (or picks a card menu option) where the bot showed it. */
  press(press: Press): Promise<void>;
  /** Sends a text command (`mine`, `find …`) as `by`, privately; `@jonas` mentions a cast member as the platform does. */
  command(by: CastName, text: string): Promise<void>;
  /** Adds the app to the staff channel as `by` would (Slack: invites it; Teams: adds it to the team). */
  install(by: CastName): Promise<void>;
}

/** `to op notice [actions] +marks #numbers`: the form rows are written in and compared. */
export function describeDelivery(delivery: Delivery): string {
  return [
    delivery.to,
    delivery.op,
    delivery.notice,
    `[${delivery.actions.join(' ')}]`,
    ...delivery.marks.map((mark) => `+${mark}`),
    ...(delivery.numbers.length > 1 ? [`#${delivery.numbers.length}`] : []),
  ].join(' ');
}

/** Neutral names for the platforms' actions; what is not listed passes through. */
const NEUTRAL: Record<string, string> = {
  details: 'open',
  open_letter: 'link',
  escalation_acknowledge: 'escalation.acknowledge',
  escalation_take_over: 'escalation.take_over',
  escalation_refer: 'escalation.refer_to_head',
  escalation_report: 'escalation.report',
  escalation_do_not_report: 'escalation.do_not_report',
  // Slack's id for the plan_meeting form opened with the joint draft (R24, D15); Teams sends that form's name.
  plan_joint_meeting: 'plan_meeting',
  // Slack's id for the reply_email form opened with the missed-call draft (R31.callback, D5); Teams sends the form's
  // name with `draft` in its data, which its driver names alike.
  email_client: 'reply_email.draft',
};
export const neutralAction = (name: string) => NEUTRAL[name] ?? name;

/** Keeps the last of several updates of the same message (by `key`), in place of the first. */
export function collapseUpdates<T>(items: Array<{ key: string | null; op: 'post' | 'update'; value: T }>): T[] {
  const last = new Map<string, number>();
  items.forEach((item, index) => {
    if (item.op === 'update' && item.key !== null) last.set(item.key, index);
  });
  return items.filter((item, index) => item.op !== 'update' || item.key === null || last.get(item.key) === index).map((item) => item.value);
}
