import { POSTAL_ADDRESS_MAX } from '../domain/inquiry.schemas.js';
import { letterheadOf, type EffectiveSettings } from '../domain/institution-settings.js';
import type { FormField } from './submission.js';
import { fillMessage, webMessages, workingDays, type WebLanguage, type WebMessageKey } from './messages.js';

/** What every public page tells a parent about the institution, from configuration (src/config.ts). */
export interface PublicSite {
  institution: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** R64.publish: the published service procedure. */
  procedureUrl: string | null;
  /** The privacy notice, linked beside the consent checkbox. */
  privacyUrl: string | null;
  /** R14.reply-1wd: the working days a first answer takes. */
  replyWorkingDays: number;
  timeZone: string;
  /** Where the institution's pages are: '' (the first institution's, at `/`) or `/<short name>` (issue #17). */
  base: string;
}

/** What the public pages say about an institution, from its settings (issue #17). */
export function publicSiteOf(settings: EffectiveSettings, timeZone: string): Omit<PublicSite, 'base'> {
  const { name, address, phone, email } = letterheadOf(settings);
  return {
    institution: name,
    address,
    phone,
    email,
    procedureUrl: settings.procedureUrl ?? null,
    privacyUrl: settings.privacyUrl ?? null,
    replyWorkingDays: settings.replyWorkingDays,
    timeZone,
  };
}

/** What the form shows: posted values to keep, problems to point at. */
export interface FormState {
  language: WebLanguage;
  submissionId: string;
  values: Partial<Record<FormField, string>>;
  invalid: ReadonlySet<FormField | 'form'>;
}

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Small, readable on a phone, visible focus, no script: the page works in any browser.
const STYLE = `
body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main,footer{max-width:40rem;margin:0 auto;padding:1rem}
footer{border-top:1px solid #555}
footer h2{font-size:1.1rem;margin:0 0 .25rem}
address{font-style:normal}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}
label,legend{display:block;font-weight:600;margin-top:1rem}
.required{font-weight:400;color:#444}
input[type=text],input[type=email],input[type=tel],select,textarea{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px}
textarea{min-height:9rem}
textarea.address{min-height:5rem}
fieldset{border:0;padding:0;margin:0}
.choice label{display:inline-block;font-weight:400;margin:.25rem 1rem .25rem 0}
.hint{color:#444;font-size:.95rem;margin:.25rem 0}
.error{color:#a40000;font-weight:600;margin:.25rem 0}
.field{margin-top:1rem}
.field>label:first-child,.field>legend{margin-top:0}
.field.invalid{border-left:4px solid #a40000;padding-left:.75rem}
/* As specific as the field rule above and more (element, [type], state), or input[type=text] keeps its grey border. */
input[type][aria-invalid=true],textarea[aria-invalid=true],select[aria-invalid=true]{border:2px solid #a40000}
.summary{border:2px solid #a40000;padding:.5rem 1rem;margin:1rem 0;background:#fff}
.consent{display:flex;gap:.5rem;align-items:flex-start}
.consent label{font-weight:400;margin:0}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{font:inherit;font-weight:600;margin-top:1.5rem;padding:.75rem 1.5rem;border:0;border-radius:4px;background:#0b5394;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #e69500;outline-offset:2px}
a{color:#0b5394}
`;

function layout(language: WebLanguage, title: string, content: string, site: PublicSite): string {
  const words = webMessages[language];
  return publicPage({ language, title, style: STYLE, content, footer: contactsFooter({ ...site, name: site.institution }, words) });
}

/** The frame of every public page (the web form, the rating page): its language, title, own style and footer. */
export function publicPage(page: { language: string; title: string; style: string; content: string; footer: string; noindex?: boolean }): string {
  return `<!doctype html>
<html lang="${page.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${page.noindex ? '<meta name="robots" content="noindex">\n' : ''}<title>${escapeHtml(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
<main>
${page.content}
</main>
${page.footer}
</body>
</html>
`;
}

/** The institution's name, address, phone and e-mail at the foot of every public page; unset ones are left out. */
export function contactsFooter(
  site: { name: string; address: string | null; phone: string | null; email: string | null },
  words: { contacts: string; contactPhone: string; contactEmail: string },
): string {
  const lines = [escapeHtml(site.name)];
  if (site.address) lines.push(escapeHtml(site.address));
  if (site.phone) lines.push(`${escapeHtml(words.contactPhone)} <a href="tel:${escapeHtml(site.phone.replace(/[^+0-9]/g, ''))}">${escapeHtml(site.phone)}</a>`);
  if (site.email) lines.push(`${escapeHtml(words.contactEmail)} <a href="mailto:${escapeHtml(site.email)}">${escapeHtml(site.email)}</a>`);
  return `<footer id="contacts"><h2>${escapeHtml(words.contacts)}</h2><address>${lines.join('<br>\n')}</address></footer>`;
}

const procedureLink = (language: WebLanguage, site: PublicSite): string =>
  site.procedureUrl ? `<p><a href="${escapeHtml(site.procedureUrl)}">${escapeHtml(webMessages[language].procedure)}</a></p>` : '';

/** `GET /` and a form re-shown with per-field messages. */
export function formPage(state: FormState, site: PublicSite): string {
  const messages = webMessages[state.language];
  const t = (key: WebMessageKey) => escapeHtml(messages[key]);
  const other: WebLanguage = state.language === 'lt' ? 'en' : 'lt';
  const value = (field: FormField) => escapeHtml(state.values[field] ?? '');
  const problem = (field: FormField) => state.invalid.has(field);
  const fieldClass = (...fields: FormField[]) => (fields.some(problem) ? 'field invalid' : 'field');
  // A field's description is its own hint, then its own error, so a screen reader reads both with the field.
  const describedBy = (field: FormField, hint?: string) => {
    const ids = [hint, problem(field) ? `${field}-error` : undefined].filter(Boolean);
    return ids.length > 0 ? ` aria-describedby="${ids.join(' ')}"` : '';
  };
  const invalidAttr = (field: FormField) => (problem(field) ? ' aria-invalid="true"' : '');
  const errorLine = (field: FormField) => (problem(field) ? `<p class="error" id="${field}-error">${t(`error.${field}` as WebMessageKey)}</p>` : '');
  const required = ` <span class="required">${t('required')}</span>`;
  const hintLine = (field: FormField, key: WebMessageKey) => `<p class="hint" id="${field}-hint">${t(key)}</p>`;
  // Label, hint, error, input: the order a sighted reader and a screen reader meet them in.
  const input = (field: 'name' | 'email' | 'phone' | 'subject', type: string, extra: string, options: { required?: boolean; hint?: WebMessageKey } = {}) =>
    `<label for="${field}">${t(field)}${options.required ? required : ''}</label>${options.hint ? hintLine(field, options.hint) : ''}${errorLine(field)}
<input type="${type}" id="${field}" name="${field}" value="${value(field)}"${extra}${options.required ? ' required' : ''}${describedBy(field, options.hint ? `${field}-hint` : undefined)}${invalidAttr(field)}>`;
  const radio = (field: 'language' | 'kind', option: string, label: WebMessageKey) =>
    `<label><input type="radio" name="${field}" value="${option}"${(state.values[field] ?? '') === option ? ' checked' : ''} required> ${t(label)}</label>`;

  const summary =
    state.invalid.size > 0
      ? `<div class="summary" role="alert" tabindex="-1" id="error-summary"><p>${t('errorSummary')}</p><ul>${[...state.invalid]
          .map((field) => (field === 'form' ? `<li>${t('error.form')}</li>` : `<li><a href="#${field}">${t(field === 'consent' ? 'error.consent' : field)}</a></li>`))
          .join('')}</ul></div>`
      : '';
  const privacy = site.privacyUrl ? `<p class="hint" id="consent-hint"><a href="${escapeHtml(site.privacyUrl)}">${t('privacy')}</a></p>` : '';
  const title = `${state.invalid.size > 0 ? `${messages.errorTitle}: ` : ''}${messages.title} – ${site.institution}`;

  return layout(
    state.language,
    title,
    `<header><h1>${t('title')}</h1><a href="${escapeHtml(site.base)}/?lang=${other}" hreflang="${other}" lang="${other}">${t('switchLanguage')}</a></header>
<p>${escapeHtml(site.institution)}</p>
<p>${escapeHtml(fillMessage(messages.intro, { days: workingDays(state.language, site.replyWorkingDays) }))}</p>
${procedureLink(state.language, site)}
${summary}
<p class="hint">${t('requiredNote')}</p>
<form method="post" action="${escapeHtml(site.base)}/inquiries" accept-charset="utf-8" novalidate>
<input type="hidden" name="submissionId" value="${escapeHtml(state.submissionId)}">
<input type="hidden" name="lang" value="${state.language}">
<div class="${fieldClass('name')}">${input('name', 'text', ' autocomplete="name" maxlength="200"', { required: true })}</div>
<fieldset class="${fieldClass('email', 'phone')}"><legend>${t('contact')} <span class="required">${t('contactRequired')}</span></legend>
<div class="field">${input('email', 'email', ' autocomplete="email" maxlength="320"', { hint: 'emailHint' })}</div>
<div class="field">${input('phone', 'tel', ' autocomplete="tel" maxlength="20"', { hint: 'phoneHint' })}</div>
</fieldset>
<fieldset class="${fieldClass('language')} choice"${describedBy('language')}><legend>${t('language')}${required}</legend>${errorLine('language')}
${radio('language', 'lt', 'languageLt')}${radio('language', 'en', 'languageEn')}</fieldset>
<fieldset class="${fieldClass('kind')} choice"${describedBy('kind')}><legend>${t('kind')}${required}</legend>${errorLine('kind')}
${radio('kind', 'question', 'kindQuestion')}${radio('kind', 'request', 'kindRequest')}${radio('kind', 'complaint', 'kindComplaint')}</fieldset>
<div class="${fieldClass('postalAddress')}"><label for="postalAddress">${t('postalAddress')} <span class="required">${t('postalAddressRequired')}</span></label>${hintLine('postalAddress', 'postalAddressHint')}${errorLine('postalAddress')}
<textarea id="postalAddress" name="postalAddress" class="address" rows="3" maxlength="${POSTAL_ADDRESS_MAX}" autocomplete="street-address"${describedBy('postalAddress', 'postalAddress-hint')}${invalidAttr('postalAddress')}>${value('postalAddress')}</textarea></div>
<div class="${fieldClass('subject')}">${input('subject', 'text', ' maxlength="300"', { required: true })}</div>
<div class="${fieldClass('message')}"><label for="message">${t('message')}${required}</label>${errorLine('message')}
<textarea id="message" name="message" maxlength="10000" required${describedBy('message')}${invalidAttr('message')}>${value('message')}</textarea></div>
<div class="trap" aria-hidden="true"><label for="website">${t('honeypot')}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<div class="${fieldClass('consent')}">${errorLine('consent')}
<div class="consent"><input type="checkbox" id="consent" name="consent" value="on"${state.values.consent ? ' checked' : ''} required${describedBy('consent', privacy ? 'consent-hint' : undefined)}${invalidAttr('consent')}>
<label for="consent">${t('consent')}${required}</label></div>
${privacy}</div>
<button type="submit">${t('submit')}</button>
</form>`,
    site,
  );
}

export interface Confirmation {
  language: WebLanguage;
  /** Null for a submission we did not register (the honeypot was filled): thanks, nothing more. */
  registryNumber: string | null;
  replyDue: Date | null;
  emailed: boolean;
  /** R55.same-channel: a written complaint without an e-mail address is answered by letter. */
  byPost?: boolean;
}

/** The success page: the registry number, and what happens next by when (R14.reply-1wd) — the deadline the client can hold us to. */
export function confirmationPage(confirmation: Confirmation, site: PublicSite): string {
  const { language } = confirmation;
  const messages = webMessages[language];
  const t = (key: WebMessageKey) => escapeHtml(messages[key]);
  const due = confirmation.replyDue
    ? new Intl.DateTimeFormat(messages.locale, { timeZone: site.timeZone, dateStyle: 'long', timeStyle: 'short' }).format(confirmation.replyDue)
    : null;
  const details = confirmation.registryNumber
    ? `<dl><dt>${t('successNumber')}</dt><dd id="registry-number"><strong>${escapeHtml(confirmation.registryNumber)}</strong></dd>
<dt>${t('successDue')}</dt><dd id="reply-due">${escapeHtml(due ?? '')}</dd></dl>${confirmation.emailed ? `<p>${t('successEmail')}</p>` : ''}
<h2>${t('successNextTitle')}</h2>
<div id="next-steps"><p>${escapeHtml(fillMessage(messages.successNext, { days: workingDays(language, site.replyWorkingDays), due: due ?? '' }))}</p>
${confirmation.byPost ? `<p>${t('successByPost')}</p>` : ''}<p>${t('successLonger')}</p>
<p>${t('successQuote')}</p></div>
${procedureLink(language, site)}`
    : '';
  return layout(
    language,
    `${messages.successTitle} – ${site.institution}`,
    `<h1>${t('successTitle')}</h1>
<p>${t('successThanks')}</p>
${details}
<p><a href="${escapeHtml(site.base)}/?lang=${language}">${t('newInquiry')}</a></p>`,
    site,
  );
}

/** Rate limit, oversize body, unexpected failure: a short page with a way back. */
export function problemPage(language: WebLanguage, key: 'tooMany' | 'tooLarge' | 'failed', site: PublicSite): string {
  const messages = webMessages[language];
  return layout(
    language,
    `${messages.title} – ${site.institution}`,
    `<h1>${escapeHtml(messages.title)}</h1><p role="alert">${escapeHtml(messages[key])}</p><p><a href="${escapeHtml(site.base)}/?lang=${language}">${escapeHtml(messages.newInquiry)}</a></p>`,
    site,
  );
}
