import { translate, type Language } from '../../core/i18n/index.js';
import { adaptiveCard, execute, note, openUrl, plain, type AdaptiveCard } from './elements.js';
import { INQUIRY_VERBS } from './inquiry-cards.js';
import { inquiryNoticeCard } from './notice-cards.js';

/** R55.same-channel: a letter is ready; the link opens the printable page (signed, with the registry number). */
export function letterCard(text: string, url: string, language: Language): AdaptiveCard {
  return adaptiveCard([note(text, { color: 'good' })], [openUrl(translate(language, 'action.open_letter'), url)]);
}

/**
 * R19.status: a result or decision was recorded; one click passes it to the client through their channel.
 * The click answers with the outcome in place of this card.
 */
export function informOfferCard(text: string, recorded: string, inquiryId: string, noteId: string, language: Language): AdaptiveCard {
  return inquiryNoticeCard(text, inquiryId, language, {
    details: [plain(recorded)],
    actions: [execute(translate(language, 'action.inform_client'), INQUIRY_VERBS.inform_client, { inquiryId, noteId }, 'positive')],
  });
}
