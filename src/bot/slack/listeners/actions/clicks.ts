import type { App } from '@slack/bolt';
import type { StaffMember } from '../../../../domain/staff.js';
import type { Language } from '../../../core/i18n/index.js';
import type { Click, ClickOutcome, ClickedView, PrivateShown } from '../../../core/interactions/click.js';
import { runClick } from '../../../core/interactions/run-click.js';
import { splitPair } from '../../render/action-values.js';
import { storyBlocks } from '../../render/details-blocks.js';
import { letterLinkBlocks } from '../../render/letter-blocks.js';
import type { SlackClient, SlackServices } from '../../services.js';
import { onButton, privateReply, replaceButtons, type BlockActionBody } from '../interaction.js';

/** The action ids of the buttons the core carries out at once, and how each value decodes into the neutral click. */
const CLICKS: Record<string, (value: string, on: ClickedView) => Click> = {
  claim: (inquiryId, on) => ({ do: 'verb', verb: 'claim', inquiryId, on }),
  close: (inquiryId, on) => ({ do: 'verb', verb: 'close', inquiryId, on }),
  mark_replied: (inquiryId, on) => ({ do: 'verb', verb: 'mark_replied', inquiryId, on }),
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

/** Claim, Close, Mark replied, Open, Inform the client and the escalation buttons: decoded, run by the core, shown. */
export function register(app: App, services: SlackServices): void {
  for (const [actionId, decode] of Object.entries(CLICKS)) {
    app.action(actionId, onButton(services, (actor, value, body, client) => carryOut(services, actor, body, client, (on) => decode(value, on))));
  }
}

/**
 * Runs a decoded click through the core and shows its outcome; also for the card menu's Release and Resolve
 * (`inquiry-more.ts`), which come as a menu option rather than a button.
 */
export async function carryOut(services: SlackServices, actor: StaffMember, body: BlockActionBody, client: SlackClient, click: (on: ClickedView) => Click): Promise<void> {
  // A click in the staff channel came from the card there (or an ephemeral beside it); elsewhere, from a DM.
  const on: ClickedView = body.channel?.id === services.settings.staffChannel ? 'announcement' : 'notice';
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
