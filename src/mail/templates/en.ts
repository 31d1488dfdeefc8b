import type { MailCatalogue } from './catalogue.js';

/** English client e-mails, for clients who prefer a language other than Lithuanian (R33.language). */
export const en: MailCatalogue = {
  greeting: (name) => `Dear ${name},`,
  reply: {
    subject: (data) => `Re: ${data.subject}`,
    body: (data) => data.text ?? '',
  },
  acknowledgement: {
    subject: (data) => `We received your inquiry: ${data.subject}`,
    body: (data) =>
      `we have received your inquiry and registered it as ${data.registryNumber}.\n` +
      `We will reply by ${data.replyDue}. When you reply to this e-mail, please keep the number in the subject.`,
  },
  holding_reply: {
    subject: (data) => `Your inquiry is being handled: ${data.subject}`,
    body: (data) =>
      `we are working on your inquiry ${data.registryNumber} and will help you.\n` +
      `You will have our full answer by ${data.promisedBy}.`,
  },
  call_summary: {
    subject: (data) => `Summary of our phone call: ${data.subject}`,
    body: (data) =>
      `thank you for the call. A short summary of what we agreed:\n\n${data.text ?? ''}` +
      (data.nextStep ? `\n\nNext step: ${data.nextStep}${data.nextStepDue ? ` (by ${data.nextStepDue})` : ''}.` : ''),
  },
  status: {
    subject: (data) => `Your inquiry has been resolved: ${data.subject}`,
    body: (data) => `your inquiry ${data.registryNumber} has been resolved. If you have any questions, reply to this e-mail.`,
  },
  signature: (s) => `${s.position}\n${s.firstName} ${s.surname}\nPhone ${s.phone}\n${s.institution}`,
  locale: 'en-GB',
};
