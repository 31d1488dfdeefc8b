import type { App } from '@slack/bolt';
import type { StaffMember } from '../../../domain/staff.js';
import type { CardActionId } from '../../core/inquiry-card.js';
import type { Language } from '../../core/i18n/index.js';
import type { FormId } from '../../core/forms/index.js';
import type { Click, ClickOutcome, ClickedView, InquiryClickVerb, PrivateShown } from '../../core/interactions/click.js';
import { runClick } from '../../core/interactions/run-click.js';
import { loadChannelCard } from '../../core/story-loader.js';
import { splitPair } from '../render/actions.js';
import { OPEN_ATTACHMENT_ACTION, storyBlocks } from '../render/story.js';
import { inquiryMessage, MORE_MENU } from '../render/inquiry.js';
import { letterLinkBlocks } from '../render/letter.js';
import type { SlackClient, SlackServices } from '../services.js';
import { openFormModal } from './forms.js';
import { onButton, privateReply, replaceButtons, type BlockActionBody } from './interaction.js';
import { REPORT_EXPORT_ACTION } from '../render/report.js';
import type { SlackRoutes } from './routes.js';

/** The action ids of the buttons the core carries out at once, and how each value decodes into the neutral click. */
const CLICKS: Record<string, (value: string, on: ClickedView) => Click> = {
  claim: (inquiryId, on) => ({ do: 'verb', verb: 'claim', inquiryId, on }),
  close: (inquiryId, on) => ({ do: 'verb', verb: 'close', inquiryId, on }),
  mark_replied: (inquiryId, on) => ({ do: 'verb', verb: 'mark_replied', inquiryId, on }),
  take_over: (inquiryId, on) => ({ do: 'verb', verb: 'take_over', inquiryId, on }),
  acknowledge_rating: (inquiryId, on) => ({ do: 'verb', verb: 'acknowledge_rating', inquiryId, on }),
  details: (inquiryId) => ({ do: 'open', inquiryId }),
  inform_client: (value) => {
    const [inquiryId, noteId] = splitPair(value);
    return { do: 'inform_client', inquiryId, noteId };
  },
  escalation_acknowledge: (escalationId) => ({ do: 'escalation', verb: 'acknowledge', escalationId }),
  escalation_take_over: (escalationId) => ({ do: 'escalation', verb: 'take_over', escalationId }),
  escalation_refer: (escalationId) => ({ do: 'escalation', verb: 'refer_to_head', escalationId }),
  escalation_report: (escalationId) => ({ do: 'escalation', verb: 'report', escalationId }),
  escalation_do_not_report: (escalationId) => ({ do: 'escalation', verb: 'do_not_report', escalationId }),
};

/**
 * The card's menu (the card offers `SECONDARY_ACTIONS` there): an option opens a form, or is a click the core
 * carries out like a button (R55.same-channel: Resolve refuses a complaint not yet answered the way it came).
 */
const MENU: Partial<Record<CardActionId, { form: FormId } | { verb: InquiryClickVerb }>> = {
  schedule_call: { form: 'schedule_call' },
  plan_meeting: { form: 'plan_meeting' },
  external_step: { form: 'external_step' },
  record_progress: { form: 'record_progress' },
  write_letter: { form: 'write_letter' },
  holding_reply: { form: 'holding_reply' },
  resolve: { verb: 'resolve' },
  release: { verb: 'release' },
  hand_over: { form: 'hand_over' },
};

/** Claim, Close, Mark replied, Open, Inform the client, the escalation buttons and the card's menu: decoded, run by the core, shown. */
export function register(_app: App, services: SlackServices, routes: SlackRoutes): void {
  for (const [actionId, decode] of Object.entries(CLICKS)) {
    routes.action(actionId, onButton(services, (actor, value, body, client) => carryOut(services, actor, body, client, (on) => decode(value, on))));
  }
  routes.action(MORE_MENU, onButton(services, (actor, value, body, client) => chooseFromMenu(services, actor, value, body, client)));
  // A link button (the printable letter) opens in the browser, yet Slack still sends its click: acked so Slack shows no error.
  routes.action('open_letter', async ({ ack }) => {
    await ack();
  });
  // R60.internal: the link to a report's CSV, likewise.
  routes.action(REPORT_EXPORT_ACTION, async ({ ack }) => {
    await ack();
  });
  // Issue #15: an attachment's download link in Details, likewise.
  routes.action(OPEN_ATTACHMENT_ACTION, async ({ ack }) => {
    await ack();
  });
}

/**
 * One option of the card's menu. A select keeps showing the option picked, so the card is re-rendered afterwards
 * (done or refused) to show the menu unset, ready for the next choice.
 */
async function chooseFromMenu(services: SlackServices, actor: StaffMember, value: string, body: BlockActionBody, client: SlackClient): Promise<void> {
  const [action, inquiryId] = splitPair(value);
  const option = MENU[action as CardActionId];
  try {
    if (!option) throw new Error(`The card's menu has no option ${action}`);
    if ('form' in option) await openFormModal(services, { client, actor, triggerId: body.trigger_id }, option.form, { inquiryId });
    else await carryOut(services, actor, body, client, (on) => ({ do: 'verb', verb: option.verb, inquiryId, on }));
  } finally {
    if (body.channel?.id === services.staffChannel() && body.message?.ts) {
      const card = await loadChannelCard(services, inquiryId);
      await client.chat.update({ channel: body.channel.id, ts: body.message.ts, ...inquiryMessage(card, services.config.DEFAULT_LANGUAGE) });
    }
  }
}

/** Runs a decoded click through the core and shows its outcome. */
async function carryOut(services: SlackServices, actor: StaffMember, body: BlockActionBody, client: SlackClient, click: (on: ClickedView) => Click): Promise<void> {
  // A click in the staff channel came from the card there (or an ephemeral beside it); elsewhere, from a DM.
  const on: ClickedView = body.channel?.id === services.staffChannel() ? 'announcement' : 'notice';
  const outcome = await runClick(click(on), { actor, language: actor.language }, services);
  await show(outcome, body, client, actor.language);
}

/** Block Kit for the outcome: the clicked DM updated in place (chat.update), or an ephemeral (a DM outside a channel). */
async function show(outcome: ClickOutcome, body: BlockActionBody, client: SlackClient, language: Language): Promise<void> {
  if ('answerPrivately' in outcome) return tellPrivately(outcome.answerPrivately, body, client, language);
  const shown = outcome.replaceClicked;
  switch (shown.show) {
    case 'card':
      // The card in the staff channel is one message for everyone, kept current by the notices.
      return;
    case 'story':
      return tellPrivately(shown, body, client, language);
    case 'outcome':
      return replaceButtons(client, body, shown.text, shown.link ? letterLinkBlocks(shown.link.url, shown.link.label) : []);
  }
}

async function tellPrivately(shown: PrivateShown, body: BlockActionBody, client: SlackClient, language: Language): Promise<void> {
  if (shown.show === 'outcome') return privateReply(client, body.user.id, body.channel?.id)(shown.text);
  const { text, blocks } = storyBlocks(shown.story, language);
  if (body.channel) await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text, blocks });
  else await client.chat.postMessage({ channel: body.user.id, text, blocks });
}
