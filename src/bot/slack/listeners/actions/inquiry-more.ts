import type { App } from '@slack/bolt';
import type { CardActionId } from '../../../core/inquiry-card.js';
import { buildInquiryCard } from '../../../core/inquiry-card.js';
import { splitPair } from '../../render/action-values.js';
import { inquiryMessage, MORE_MENU } from '../../render/inquiry-blocks.js';
import type { SlackServices } from '../../services.js';
import { openFormModal } from '../forms.js';
import { formRequest, onButton, type FormRequest } from '../interaction.js';

/** What each option of the card's menu does (the card offers `SECONDARY_ACTIONS` there). */
const MENU: Partial<Record<CardActionId, (request: FormRequest, inquiryId: string) => Promise<unknown>>> = {
  schedule_call: (request, inquiryId) => openFormModal(request, 'schedule_call', { inquiryId }),
  plan_meeting: (request, inquiryId) => openFormModal(request, 'plan_meeting', { inquiryId }),
  external_step: (request, inquiryId) => openFormModal(request, 'external_step', { inquiryId }),
  record_progress: (request, inquiryId) => openFormModal(request, 'record_progress', { inquiryId }),
  write_letter: (request, inquiryId) => openFormModal(request, 'write_letter', { inquiryId }),
  holding_reply: (request, inquiryId) => openFormModal(request, 'holding_reply', { inquiryId }),
  // R55.same-channel: a complaint not yet answered the way it came is refused, naming the channel owed.
  resolve: ({ services, actor }, inquiryId) => services.inquiries.resolve(inquiryId, actor.id),
  release: ({ services, actor }, inquiryId) => services.inquiries.release(inquiryId, actor.id),
};

/**
 * The card's menu: one option runs like a button. A select keeps showing the option picked, so the card is
 * re-rendered afterwards (done or refused) to show the menu unset, ready for the next choice.
 */
export function register(app: App, services: SlackServices): void {
  app.action(MORE_MENU, onButton(services, async (actor, value, body, client) => {
    const [action, inquiryId] = splitPair(value);
    const run = MENU[action as CardActionId];
    try {
      if (!run) throw new Error(`The card's menu has no option ${action}`);
      await run(formRequest(services, client, actor, body), inquiryId);
    } finally {
      if (body.channel?.id === services.settings.staffChannel && body.message?.ts) {
        const { inquiry, owner } = await services.queries.get(inquiryId);
        const { config, clock, capabilities } = services;
        const card = buildInquiryCard(inquiry, owner, config.DEFAULT_LANGUAGE, clock.now(), config.TIME_ZONE, capabilities);
        await client.chat.update({ channel: body.channel.id, ts: body.message.ts, ...inquiryMessage(card, config.DEFAULT_LANGUAGE) });
      }
    }
  }));
}
