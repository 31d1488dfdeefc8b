const LITHUANIAN_LETTERS = /[ąčęėįšųūž]/i;
const ENGLISH_WORDS = /\b(the|and|please|hello|dear|thank|would|could|my|child|kindergarten|regards)\b/gi;

/**
 * R33.language: the language to answer an e-mail in. Lithuanian unless the text is plainly English;
 * the owner can still answer in another language, but the templates need a default.
 */
export function guessLanguage(text: string): 'lt' | 'en' {
  if (LITHUANIAN_LETTERS.test(text)) return 'lt';
  const englishWords = text.match(ENGLISH_WORDS)?.length ?? 0;
  return englishWords >= 2 ? 'en' : 'lt';
}
