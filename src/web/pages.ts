import type { FormField } from './submission.js';
import { webMessages, type WebLanguage, type WebMessageKey } from './messages.js';

/** What the form shows: posted values to keep, problems to point at. */
export interface FormState {
  language: WebLanguage;
  submissionId: string;
  values: Partial<Record<FormField, string>>;
  invalid: ReadonlySet<FormField | 'form'>;
  procedureUrl: string | null;
}

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Small, readable on a phone, visible focus, no script: the page works in any browser.
const STYLE = `
body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main{max-width:40rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}
label,legend{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=email],input[type=tel],select,textarea{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px}
textarea{min-height:9rem}
fieldset{border:0;padding:0;margin:0}
fieldset label{display:inline-block;font-weight:400;margin:.25rem 1rem .25rem 0}
.hint{color:#444;font-size:.95rem;margin:.25rem 0}
.error{color:#a40000;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border-color:#a40000;border-width:2px}
.summary{border:2px solid #a40000;padding:.5rem 1rem;margin:1rem 0;background:#fff}
.consent{display:flex;gap:.5rem;align-items:flex-start;margin-top:1rem}
.consent label{font-weight:400;margin:0}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{font:inherit;font-weight:600;margin-top:1.5rem;padding:.75rem 1.5rem;border:0;border-radius:4px;background:#0b5394;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #e69500;outline-offset:2px}
a{color:#0b5394}
`;

function layout(language: WebLanguage, title: string, content: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}

/** `GET /` and a form re-shown with per-field messages. */
export function formPage(state: FormState, institution: string): string {
  const t = (key: WebMessageKey) => escapeHtml(webMessages[state.language][key]);
  const other: WebLanguage = state.language === 'lt' ? 'en' : 'lt';
  const value = (field: FormField) => escapeHtml(state.values[field] ?? '');
  const problem = (field: FormField) => state.invalid.has(field);
  const describedBy = (field: FormField, hint?: string) => {
    const ids = [hint, problem(field) ? `${field}-error` : undefined].filter(Boolean);
    return ids.length > 0 ? ` aria-describedby="${ids.join(' ')}"` : '';
  };
  const invalidAttr = (field: FormField) => (problem(field) ? ' aria-invalid="true"' : '');
  const errorLine = (field: FormField) => (problem(field) ? `<p class="error" id="${field}-error">${t(`error.${field}` as WebMessageKey)}</p>` : '');
  const input = (field: 'name' | 'email' | 'phone' | 'subject', type: string, extra = '', hint?: string) =>
    `<label for="${field}">${t(field)}</label>${errorLine(field)}
<input type="${type}" id="${field}" name="${field}" value="${value(field)}"${extra}${describedBy(field, hint)}${invalidAttr(field)}>`;
  const radio = (field: 'language' | 'kind', option: string, label: WebMessageKey) =>
    `<label><input type="radio" name="${field}" value="${option}"${(state.values[field] ?? '') === option ? ' checked' : ''}> ${t(label)}</label>`;

  const summary =
    state.invalid.size > 0
      ? `<div class="summary" role="alert" tabindex="-1" id="error-summary"><p>${t('errorSummary')}</p><ul>${[...state.invalid]
          .map((field) => (field === 'form' ? `<li>${t('error.form')}</li>` : `<li><a href="#${field}">${t(field === 'consent' ? 'error.consent' : field)}</a></li>`))
          .join('')}</ul></div>`
      : '';
  const procedure = state.procedureUrl ? `<p><a href="${escapeHtml(state.procedureUrl)}">${t('procedure')}</a></p>` : '';

  return layout(
    state.language,
    `${webMessages[state.language].title} – ${institution}`,
    `<header><h1>${t('title')}</h1><a href="/?lang=${other}" hreflang="${other}" lang="${other}">${t('switchLanguage')}</a></header>
<p>${escapeHtml(institution)}</p>
<p>${t('intro')}</p>
${procedure}
${summary}
<form method="post" action="/inquiries" accept-charset="utf-8" novalidate>
<input type="hidden" name="submissionId" value="${escapeHtml(state.submissionId)}">
<input type="hidden" name="lang" value="${state.language}">
${input('name', 'text', ' autocomplete="name" maxlength="200" required')}
<p class="hint" id="contact-hint">${t('contactHint')}</p>
${input('email', 'email', ' autocomplete="email" maxlength="320"', 'contact-hint')}
${input('phone', 'tel', ' autocomplete="tel" maxlength="20"', 'contact-hint')}
<fieldset${describedBy('language')}><legend>${t('language')}</legend>${errorLine('language')}
${radio('language', 'lt', 'languageLt')}${radio('language', 'en', 'languageEn')}</fieldset>
<fieldset${describedBy('kind')}><legend>${t('kind')}</legend>${errorLine('kind')}
${radio('kind', 'question', 'kindQuestion')}${radio('kind', 'request', 'kindRequest')}${radio('kind', 'complaint', 'kindComplaint')}</fieldset>
${input('subject', 'text', ' maxlength="300" required')}
<label for="message">${t('message')}</label>${errorLine('message')}
<textarea id="message" name="message" maxlength="10000" required${describedBy('message')}${invalidAttr('message')}>${value('message')}</textarea>
<div class="trap" aria-hidden="true"><label for="website">${t('honeypot')}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
${errorLine('consent')}
<div class="consent"><input type="checkbox" id="consent" name="consent" value="on"${state.values.consent ? ' checked' : ''} required${describedBy('consent')}${invalidAttr('consent')}>
<label for="consent">${t('consent')}</label></div>
<button type="submit">${t('submit')}</button>
</form>`,
  );
}

export interface Confirmation {
  language: WebLanguage;
  /** Null for a submission we did not register (the honeypot was filled): thanks, nothing more. */
  registryNumber: string | null;
  replyDue: Date | null;
  emailed: boolean;
  timeZone: string;
}

/** The success page: the registry number and the reply deadline the client can hold us to. */
export function confirmationPage(confirmation: Confirmation, institution: string): string {
  const messages = webMessages[confirmation.language];
  const t = (key: WebMessageKey) => escapeHtml(messages[key]);
  const due = confirmation.replyDue
    ? new Intl.DateTimeFormat(messages.locale, { timeZone: confirmation.timeZone, dateStyle: 'long', timeStyle: 'short' }).format(confirmation.replyDue)
    : null;
  const details = confirmation.registryNumber
    ? `<dl><dt>${t('successNumber')}</dt><dd id="registry-number"><strong>${escapeHtml(confirmation.registryNumber)}</strong></dd>
<dt>${t('successDue')}</dt><dd id="reply-due">${escapeHtml(due ?? '')}</dd></dl>${confirmation.emailed ? `<p>${t('successEmail')}</p>` : ''}`
    : '';
  return layout(
    confirmation.language,
    `${messages.successTitle} – ${institution}`,
    `<h1>${t('successTitle')}</h1>
<p>${t('successThanks')}</p>
${details}
<p><a href="/?lang=${confirmation.language}">${t('newInquiry')}</a></p>`,
  );
}

/** Rate limit, oversize body, unexpected failure: a short page with a way back. */
export function problemPage(language: WebLanguage, key: 'tooMany' | 'tooLarge' | 'failed', institution: string): string {
  const messages = webMessages[language];
  return layout(
    language,
    `${messages.title} – ${institution}`,
    `<h1>${escapeHtml(messages.title)}</h1><p role="alert">${escapeHtml(messages[key])}</p><p><a href="/?lang=${language}">${escapeHtml(messages.newInquiry)}</a></p>`,
  );
}
