import type { ClientEmailPurpose, ClientMailTemplates, DraftKind, Signature, TemplateData } from '../../domain/client-message.js';
import { en } from './en.js';
import { lt } from './lt.js';

const catalogues = { lt, en } as const;

/** ClientMailTemplates from the catalogues; a reply is the owner's own words, the rest open with a greeting. */
export class CatalogueTemplates implements ClientMailTemplates {
  constructor(private readonly timeZone: string) {}

  render(purpose: ClientEmailPurpose, language: 'lt' | 'en', data: TemplateData): { subject: string; body: string } {
    const catalogue = catalogues[language];
    const template = catalogue[purpose];
    const body = purpose === 'reply' ? template.body(data) : `${catalogue.greeting(data.clientName)}\n\n${template.body(data)}`;
    return { subject: template.subject(data), body };
  }

  signature(language: 'lt' | 'en', signature: Signature): string {
    return catalogues[language].signature(signature);
  }

  draft(kind: DraftKind, language: 'lt' | 'en', data: TemplateData): string {
    return catalogues[language].drafts[kind](data);
  }

  formatDate(at: Date, language: 'lt' | 'en'): string {
    return new Intl.DateTimeFormat(catalogues[language].locale, {
      timeZone: this.timeZone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(at);
  }
}
