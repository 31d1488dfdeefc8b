import type { ClientEmailPurpose, Signature, TemplateData } from '../../domain/client-message.js';

type Template = { subject: (data: TemplateData) => string; body: (data: TemplateData) => string };

/** The wording of client e-mails in one language. */
export type MailCatalogue = Record<ClientEmailPurpose, Template> & {
  greeting: (name: string) => string;
  signature: (signature: Signature) => string;
  /** Locale for dates the client reads. */
  locale: string;
};
