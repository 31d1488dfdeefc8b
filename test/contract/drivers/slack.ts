import type { FakeSlackApi, RecordedCall } from '../../slack/support/fake-slack-api.js';
import { blockAction, memberJoinedChannel, menuChoice, slashCommand } from '../../slack/support/payloads.js';
import { postCommand, postEvent, postInteraction } from '../../slack/support/signed-requests.js';
import { CAST_NAMES, castBySlackId, slackIdOf, type CastName } from '../cast.js';
import { collapseUpdates, neutralAction, type Click, type Delivery, type Driver, type Mark, type Press } from './driver.js';
import { marksOf, noticeOf, numbersIn } from './notices.js';

export interface SlackWire {
  api: FakeSlackApi;
  /** `${app.url}/slack/events` */
  events: string;
  staffChannel: string;
  /** The ts of an inquiry's announcement. */
  announcementOf(inquiryId: string): Promise<string>;
}

/** Slack as a contract platform: signed requests in, the fake Web API's recorded calls out. */
export class SlackDriver implements Driver {
  readonly platform = 'slack' as const;
  /** Who sent each response URL (its path), to name the private answer posted to it. */
  private readonly hookOwners = new Map<string, CastName>();
  private hookSequence = 0;

  constructor(private readonly wire: SlackWire) {}

  mark(): Mark {
    return { calls: this.wire.api.calls.length, hooks: this.wire.api.hooks.length };
  }

  deliveriesSince(mark: Mark): Delivery[] {
    const calls = this.wire.api.calls.slice(mark.calls).filter((call) => call.status === 200);
    const fromCalls = calls.flatMap((call) => this.fromCall(call));
    const fromHooks = this.wire.api.hooks.slice(mark.hooks).map((hook) => ({
      key: null,
      op: 'post' as const,
      value: delivery(`private:${this.hookOwners.get(hook.path) ?? '?'}`, 'post', hook.body),
    }));
    return collapseUpdates([...fromCalls, ...fromHooks]);
  }

  async click({ by, action, inquiryId }: Click): Promise<void> {
    const ts = await this.wire.announcementOf(inquiryId);
    const answer = await postInteraction(this.wire.events, blockAction(slackIdOf(by), action, inquiryId, { channel: this.wire.staffChannel, ts }));
    if (answer.status !== 200) throw new Error(`Slack answered the click with ${answer.status}`);
  }

  async press({ by, action, inquiryId, dmOf }: Press): Promise<void> {
    const channel = dmOf ? `D${slackIdOf(dmOf).slice(1)}` : this.wire.staffChannel;
    const ts = dmOf ? null : await this.wire.announcementOf(inquiryId);
    // The message as last shown there (posted, or updated since), naming the inquiry.
    const shown = this.wire.api.calls
      .filter((call) => call.status === 200 && (call.method === 'chat.postMessage' || call.method === 'chat.update') && call.body.channel === channel && !call.body.thread_ts)
      .map((call) => ({ ts: String(call.method === 'chat.update' ? call.body.ts : call.answer?.ts), blocks: call.body.blocks as unknown[] }))
      .filter((message) => (ts === null || message.ts === ts) && JSON.stringify(message.blocks).includes(inquiryId))
      .at(-1);
    if (!shown) throw new Error(`no message naming ${inquiryId} in ${channel}`);
    const place = { channel, ts: shown.ts, blocks: shown.blocks };
    const control = controlsOf(shown.blocks).find((candidate) => candidate.neutral === action);
    if (!control) throw new Error(`no ${action} on the message in ${channel}`);
    const payload = control.menu ? menuChoice(slackIdOf(by), control.actionId, control.value, place) : blockAction(slackIdOf(by), control.actionId, control.value, place);
    const answer = await postInteraction(this.wire.events, payload);
    if (answer.status !== 200) throw new Error(`Slack answered the press with ${answer.status}`);
  }

  async command(by: CastName, text: string): Promise<void> {
    const path = `/hooks/contract-${++this.hookSequence}`;
    this.hookOwners.set(path, by);
    // Slack escapes a mention in command text as `<@U…|name>`.
    const escaped = text.replace(/@(\w+)/g, (typed, name: string) => ((CAST_NAMES as string[]).includes(name) ? `<@${slackIdOf(name as CastName)}|${name}>` : typed));
    const answer = await postCommand(this.wire.events, slashCommand(slackIdOf(by), escaped, `${this.wire.api.url}${path}`));
    if (answer.status !== 200) throw new Error(`Slack answered the command with ${answer.status}`);
  }

  /** Slack names no inviter in `member_joined_channel` of the bot; `by` is who would have invited it. */
  async install(_by: CastName): Promise<void> {
    const answer = await postEvent(this.wire.events, memberJoinedChannel('UBOT00001', this.wire.staffChannel));
    if (answer.status !== 200) throw new Error(`Slack answered the event with ${answer.status}`);
  }

  private fromCall(call: RecordedCall): Array<{ key: string | null; op: 'post' | 'update'; value: Delivery }> {
    const body = call.body;
    switch (call.method) {
      case 'chat.postMessage': {
        const place = body.thread_ts ? 'thread' : this.where(String(body.channel));
        return [{ key: null, op: 'post', value: delivery(place, 'post', body) }];
      }
      case 'chat.update':
        return [{ key: `${body.channel}/${body.ts}`, op: 'update', value: delivery(this.where(String(body.channel)), 'update', body) }];
      case 'chat.postEphemeral':
        return [{ key: null, op: 'post', value: delivery(`private:${castBySlackId(String(body.user)) ?? body.user}`, 'post', body) }];
      case 'views.open':
        return [{ key: null, op: 'post', value: { to: 'form', op: 'post', notice: String(body.view?.callback_id), actions: [], marks: [], numbers: [] } }];
      default:
        return [];
    }
  }

  /** The staff channel (the announcement or another post) or a person's DM channel (`D` + member id). */
  private where(channel: string): string {
    if (channel === this.wire.staffChannel) return 'channel';
    if (channel.startsWith('D')) return `dm:${castBySlackId(`U${channel.slice(1)}`) ?? channel}`;
    return channel;
  }
}

function delivery(to: string, op: 'post' | 'update', body: Record<string, any>): Delivery {
  const text = [String(body.text ?? ''), ...textsOf(body.blocks)].join('\n');
  const notice = noticeOf(text);
  return {
    to: to === 'channel' && notice === 'inquiry.card' ? 'announcement' : to,
    op,
    notice,
    actions: actionsOf(body.blocks).sort(),
    marks: marksOf(text),
    numbers: numbersIn(text),
  };
}

function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'text' && typeof value === 'string' ? [value] : textsOf(value)));
}

/** The buttons and menu options of a message: what a press sends, under their neutral names. */
function controlsOf(blocks: unknown): Array<{ neutral: string; actionId: string; value: string; menu: boolean }> {
  const found: Array<{ neutral: string; actionId: string; value: string; menu: boolean }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, any>;
    if (element.type === 'button' && typeof element.action_id === 'string' && !element.url) {
      found.push({ neutral: neutralAction(element.action_id), actionId: element.action_id, value: String(element.value ?? ''), menu: false });
    } else if (element.type === 'static_select' && Array.isArray(element.options)) {
      for (const option of element.options) found.push({ neutral: neutralAction(String(option.value).split(':')[0]!), actionId: element.action_id, value: String(option.value), menu: true });
    } else Object.values(element).forEach(walk);
  };
  walk(blocks);
  return found;
}

/** Buttons by action id (link buttons as `link`), and the options of the card's menu by their action half. */
function actionsOf(blocks: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, any>;
    if (element.type === 'button' && typeof element.action_id === 'string') found.push(element.url ? 'link' : neutralAction(element.action_id));
    else if (element.type === 'static_select' && Array.isArray(element.options)) {
      for (const option of element.options) found.push(neutralAction(String(option.value).split(':')[0]!));
    } else Object.values(element).forEach(walk);
  };
  walk(blocks);
  return found;
}
