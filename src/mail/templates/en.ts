import { ratingLines, type MailCatalogue } from './catalogue.js';

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
    subject: (data) => (data.status === 'update' ? `News about your inquiry: ${data.subject}` : `Your inquiry has been resolved: ${data.subject}`),
    body: (data) =>
      data.status === 'update'
        ? `here is the latest on your inquiry ${data.registryNumber}:\n\n${data.text ?? ''}\n\nIf you have any questions, reply to this e-mail.`
        : `your inquiry ${data.registryNumber} has been resolved. If you have any questions, reply to this e-mail.`,
  },
  meeting_summary: {
    subject: (data) => `Summary of our meeting: ${data.subject}`,
    body: (data) =>
      `thank you for the meeting (${data.meetingDate}). What was discussed and decided:\n\n${data.text ?? ''}\n\n` +
      `If we missed anything, please reply to this e-mail.`,
  },
  // R60.external: five one-click links, one per score; the page asks to confirm and offers a comment.
  rating: {
    subject: (data) => `How did we do? ${data.subject}`,
    body: (data) =>
      `your inquiry ${data.registryNumber} has been resolved. We would be grateful if you rated how we helped you: ` +
      `click one score from 1 (bad) to 5 (excellent), confirm it on the page that opens and, if you like, add a comment.\n\n` +
      ratingLines(data.ratingLinks, ['1 – bad', '2 – poor', '3 – fair', '4 – good', '5 – excellent']) +
      `\n\nThe links work until ${data.ratingExpires}; you can rate once. Rating is optional.`,
  },
  drafts: {
    missed_call: (data) =>
      `Dear ${data.clientName},\n\nwe tried to call you about your inquiry ${data.registryNumber} (“${data.subject}”) ` +
      `but could not reach you. Please let us know when it suits you to talk, or simply reply to this e-mail.`,
  },
  signature: (s) => `${s.position}\n${s.firstName} ${s.surname}\nPhone ${s.phone}\n${s.institution}`,
  locale: 'en-GB',
};
