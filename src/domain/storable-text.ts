import { z } from 'zod';

// PostgreSQL's text and jsonb refuse U+0000, and a lone UTF-16 surrogate has no UTF-8 form (the driver would
// turn it into U+FFFD silently); both arrive from clients by accident or on purpose.
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` as PostgreSQL can store it: NUL characters removed, lone surrogates replaced with U+FFFD. */
export function toStorableText(text: string): string {
  return text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * A string cleaned with `toStorableText` before any other check, so `.trim().min(1)` afterwards sees what will
 * be stored (a field of NUL characters only is empty). It stays a `ZodString`, so the usual checks chain on.
 */
export function storableText(): z.ZodString {
  return z.string().overwrite(toStorableText);
}
