import { cardAction, installedInTeam, message, postActivity, TEAM_ID } from '../../teams/support/activities.js';
import { cardActions, cardsIn, cardText } from '../../teams/support/cards.js';
import type { ConnectorCall, FakeConnector } from '../../teams/support/connector.js';
import { CAST_NAMES, castByTeamsId, teamsIdOf, type CastName } from '../cast.js';
import { collapseUpdates, neutralAction, type Click, type Delivery, type Driver, type Mark, type Press } from './driver.js';
import { marksOf, noticeOf, numbersIn } from './notices.js';

export interface TeamsWire {
  connector: FakeConnector;
  appUrl: string;
  /** The activity id of an inquiry's announcement. */
  announcementOf(inquiryId: string): Promise<string>;
}

const PERSONAL = 'a:personal-';

/** Teams as a contract platform: Bot Framework activities in, the fake connector's recorded calls (and invoke answers) out. */
export class TeamsDriver implements Driver {
  readonly platform = 'teams' as const;
  /** What the bot answered invokes with, already as deliveries (the answer replaces the clicked card or is a private text). */
  private readonly answers: Delivery[] = [];

  constructor(private readonly wire: TeamsWire) {}

  mark(): Mark {
    return { calls: this.wire.connector.calls.length, answers: this.answers.length };
  }

  deliveriesSince(mark: Mark): Delivery[] {
    const calls = this.wire.connector.calls.slice(mark.calls).filter((call) => call.status === 200);
    return [...collapseUpdates(calls.flatMap((call) => this.fromCall(call))), ...this.answers.slice(mark.answers)];
  }

  async click({ by, action, inquiryId }: Click): Promise<void> {
    await this.wire.announcementOf(inquiryId);
    // The card as first announced: a click on a card someone else's click has meanwhile refreshed.
    const posted = this.wire.connector.sent(TEAM_ID).find((call) => JSON.stringify(call.body).includes(inquiryId));
    const card = cardsIn(posted?.body ?? {})[0];
    const button = cardActions(card).find((candidate) => candidate.type === 'Action.Execute' && candidate.verb === `inquiry.${action}`);
    if (!button) throw new Error(`no ${action} button on the announcement`);
    const answer = await postActivity(this.wire.appUrl, cardAction(this.wire.connector.url, teamsIdOf(by), button.verb, button.data));
    if (answer.status !== 200) throw new Error(`Teams answered the click with ${answer.status}`);
    const value = answer.body?.value;
    if (typeof value === 'string') this.answers.push(delivery(`private:${by}`, 'post', value, []));
    else if (value && typeof value === 'object') this.answers.push(delivery('announcement', 'update', cardText(value), [value]));
  }

  async press({ by, action, inquiryId, dmOf }: Press): Promise<void> {
    const conversation = dmOf ? `${PERSONAL}${teamsIdOf(dmOf).id}` : TEAM_ID;
    if (!dmOf) await this.wire.announcementOf(inquiryId);
    // The card as last shown there (posted, or updated since), naming the inquiry.
    const card = this.wire.connector.calls
      .filter((call) => call.status === 200 && call.path.includes('/activities') && call.conversationId === conversation && (call.method === 'PUT' || (call.method === 'POST' && call.activityId === null)))
      .map((call) => cardsIn(call.body)[0])
      .filter((candidate) => candidate !== undefined && JSON.stringify(candidate).includes(inquiryId))
      .at(-1);
    const button = cardActions(card).find((candidate) => candidate.type === 'Action.Execute' && neutralOf(candidate) === action);
    if (!button) throw new Error(`no ${action} on the card in ${conversation}`);
    const answer = await postActivity(this.wire.appUrl, cardAction(this.wire.connector.url, teamsIdOf(by), button.verb, button.data, { personal: dmOf !== undefined }));
    if (answer.status !== 200) throw new Error(`Teams answered the press with ${answer.status}`);
    const value = answer.body?.value;
    if (typeof value === 'string') this.answers.push(delivery(`private:${by}`, 'post', value, []));
    else if (value && typeof value === 'object') this.answers.push(delivery(dmOf ? `dm:${dmOf}` : 'announcement', 'update', cardText(value), [value]));
  }

  async command(by: CastName, text: string): Promise<void> {
    // Teams shows a mention as `<at>Name</at>` and names the person in an entity, by the 29: id only.
    const mentioned = [...text.matchAll(/@(\w+)/g)].map((match) => match[1]!).filter((name): name is CastName => (CAST_NAMES as string[]).includes(name));
    const shown = text.replace(/@(\w+)/g, (typed, name: string) => ((CAST_NAMES as string[]).includes(name) ? `<at>${teamsIdOf(name as CastName).name}</at>` : typed));
    const activity = message(this.wire.connector.url, teamsIdOf(by), shown, { personal: true });
    const entities: Array<Record<string, unknown>> = activity.entities;
    for (const name of mentioned) entities.push({ type: 'mention', text: `<at>${teamsIdOf(name).name}</at>`, mentioned: { id: teamsIdOf(name).id, name: teamsIdOf(name).name } });
    const answer = await postActivity(this.wire.appUrl, activity);
    if (answer.status !== 200) throw new Error(`Teams answered the command with ${answer.status}`);
  }

  async install(by: CastName): Promise<void> {
    const answer = await postActivity(this.wire.appUrl, installedInTeam(this.wire.connector.url, teamsIdOf(by)));
    if (answer.status !== 200) throw new Error(`Teams answered the install with ${answer.status}`);
  }

  private fromCall(call: ConnectorCall): Array<{ key: string | null; op: 'post' | 'update'; value: Delivery }> {
    if (!call.path.includes('/activities')) return [];
    const cards = cardsIn(call.body);
    const text = [String(call.body.text ?? ''), ...cards.map(cardText)].join('\n');
    if (call.method === 'PUT') return [{ key: call.activityId, op: 'update', value: delivery(this.where(call.conversationId, null), 'update', text, cards) }];
    if (call.method !== 'POST') return [];
    return [{ key: null, op: 'post', value: delivery(this.where(call.conversationId, call.activityId), 'post', text, cards) }];
  }

  /** The staff team's channel (top level or a thread), a person's 1:1 chat (a notice, or a reply to them). */
  private where(conversationId: string, replyTo: string | null): string {
    if (conversationId === TEAM_ID) return replyTo === null ? 'channel' : 'thread';
    if (conversationId.startsWith(PERSONAL)) {
      const person = castByTeamsId(conversationId.slice(PERSONAL.length)) ?? conversationId;
      return replyTo === null ? `dm:${person}` : `private:${person}`;
    }
    return conversationId;
  }
}

function delivery(to: string, op: 'post' | 'update', text: string, cards: unknown[]): Delivery {
  const notice = noticeOf(text);
  return {
    to: to === 'channel' && notice === 'inquiry.card' ? 'announcement' : to,
    op,
    notice,
    actions: cards.flatMap(actionsOf).sort(),
    marks: marksOf(text),
    numbers: numbersIn(text),
  };
}

/** Verbs without their `inquiry.` prefix, dialogs by name, links as `link`; a head's decision by its choice. */
function actionsOf(card: unknown): string[] {
  return cardActions(card).flatMap((action) => {
    // A contact fact's `tel:`/`mailto:` is an inline text link (as on Slack), not a button the notice offers.
    if (action.type === 'Action.OpenUrl') return /^(tel|mailto):/.test(String(action.url)) ? [] : ['link'];
    // A form opened with the procedure's draft (R31.callback: the missed-call e-mail) is told apart, as on Slack.
    if (action.type === 'Action.Submit' && action.data?.dialog) return [`${action.data.dialog}${action.data.draft ? '.draft' : ''}`];
    if (action.type !== 'Action.Execute') return [];
    return [neutralOf(action)];
  });
}

/** An Action.Execute's neutral name: the verb without `inquiry.`; a head's decision by its choice. */
function neutralOf(action: Record<string, any>): string {
  if (action.verb === 'escalation.decide') return action.data?.report ? 'escalation.report' : 'escalation.do_not_report';
  return neutralAction(String(action.verb).replace(/^inquiry\./, ''));
}
