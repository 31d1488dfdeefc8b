import { translate, type Language } from '../../core/i18n/index.js';
import { adaptiveCard, note, openUrl, type AdaptiveCard } from './elements.js';

/** R55.same-channel: a letter is ready; the link opens the printable page (signed, with the registry number). */
export function letterCard(text: string, url: string, language: Language): AdaptiveCard {
  return adaptiveCard([note(text, { color: 'good' })], [openUrl(translate(language, 'action.open_letter'), url)]);
}
