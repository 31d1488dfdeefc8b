import { mailLanguage, type ClientEmailPurpose, type ClientMailTemplates, type TemplateData } from './client-message.js';
import type { InquiryEvent } from './events.js';
import type { Inquiry } from './inquiry.js';

/** A templated e-mail an event calls for: its purpose, who signs it, and what it may say. */
export interface MailPlan {
  purpose: ClientEmailPurpose;
  /** Staff id of the signer, or the configured signer of acknowledgements. */
  signer: string | 'acknowledgement';
  data: (inquiry: Inquiry) => Partial<TemplateData>;
}

/**
 * Which e-mail the procedure sends on an event: acknowledgement (R15), holding reply (R14.holding-reply),
 * call summary (R14.urgent-call), status (R19.status). Only facts meant for the client (R35.no-internal).
 */
export function planFor(event: InquiryEvent, templates: Pick<ClientMailTemplates, 'formatDate'>): MailPlan | null {
  const date = (iso: string | null, language: string) => (iso ? templates.formatDate(new Date(iso), mailLanguage(language)) : undefined);
  switch (event.type) {
    case 'registered':
      if (event.channel !== 'email' && event.channel !== 'web') return null;
      return {
        purpose: 'acknowledgement',
        signer: 'acknowledgement',
        data: (inquiry) => ({ replyDue: date(inquiry.firstReplyDue.toISOString(), inquiry.client.language) }),
      };
    case 'holding_reply_sent':
      if (!event.actorId) return null;
      return { purpose: 'holding_reply', signer: event.actorId, data: (inquiry) => ({ promisedBy: date(event.promisedBy, inquiry.client.language) }) };
    case 'call_logged':
      if (!event.actorId || !event.call.emailSummaryToClient) return null;
      // What was agreed goes out; the client's expectation, risks and alternatives stay internal notes.
      return {
        purpose: 'call_summary',
        signer: event.actorId,
        data: (inquiry) => ({
          text: event.call.summary,
          nextStep: event.call.nextStep || undefined,
          nextStepDue: date(event.call.nextStepDue, inquiry.client.language),
        }),
      };
    case 'resolved':
      if (!event.actorId) return null;
      return { purpose: 'status', signer: event.actorId, data: () => ({ status: 'resolved' }) };
    default:
      return null;
  }
}
