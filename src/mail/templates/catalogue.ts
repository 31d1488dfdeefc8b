import type { ClientEmailPurpose, DraftKind, Signature, TemplateData } from '../../domain/client-message.js';

type Template = { subject: (data: TemplateData) => string; body: (data: TemplateData) => string };

/** R60.external: one line per score, its words and its link (plain text: the link on a line of its own). */
export function ratingLines(links: readonly string[] | undefined, words: readonly string[]): string {
  return words.map((word, index) => `${word}:\n${links?.[index] ?? ''}`).join('\n\n');
}

/** The wording of client e-mails in one language. */
export type MailCatalogue = Record<ClientEmailPurpose, Template> & {
  greeting: (name: string) => string;
  signature: (signature: Signature) => string;
  /** Drafts the owner edits before sending (without greeting or signature, which are added around them). */
  drafts: Record<DraftKind, (data: TemplateData) => string>;
  /** Locale for dates the client reads. */
  locale: string;
};
