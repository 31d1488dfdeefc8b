import { en } from './en.js';
import { lt, type MessageKey } from './lt.js';

export type { MessageKey };
export type Language = 'lt' | 'en';

const catalogues: Record<Language, Record<MessageKey, string>> = { lt, en };

/** A message in `language` with `{placeholders}` filled; unknown placeholders stay visible rather than vanish. */
export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[language][key].replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Any language tag → a staff language we have a catalogue for (English for `en*`, else Lithuanian). */
export function staffLanguage(tag: string | null | undefined): Language {
  return tag?.toLowerCase().startsWith('en') ? 'en' : 'lt';
}
