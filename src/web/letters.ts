import type { AuditTrail } from '../domain/audit.service.js';
import type { ClientChannelService, LetterView } from '../domain/client-channel.service.js';
import { DomainError } from '../domain/errors.js';
import type { LetterLinks } from '../domain/letter-link.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { escapeHtml } from './pages.js';
import { refusalPage, sendPrivatePage, type Refusal } from './private-response.js';

/** The route of a printable letter; only a signed link made for a staff member opens it (letter-link.ts). */
export const LETTER_PATH = '/letters';

/** The institution at the head of every letter, from configuration (INSTITUTION_*); unset parts are left out. */
export interface Letterhead {
  name: string;
  address: string | null;
  /** Juridinio asmens kodas. */
  code: string | null;
  phone: string | null;
  email: string | null;
  web: string | null;
}

export interface LetterPageDependencies {
  letters: ClientChannelService;
  links: LetterLinks;
  logger: Logger;
  timeZone: string;
  /** The letterhead of the institution whose letter it is (its settings, issue #17). */
  letterhead(): Letterhead;
  /** R12.records: each letter shown is recorded before it is sent. */
  audit: Pick<AuditTrail, 'recordRead'>;
}

const WORDS = {
  lt: {
    title: 'Atsakymas į kreipimąsi',
    number: 'Nr.',
    reference: (date: string, number: string) => `Į jūsų ${date} kreipimąsi Nr. ${number}`,
    code: 'Juridinio asmens kodas',
    phone: 'Tel.',
    email: 'El. p.',
    subject: 'Dėl',
    signature: '(parašas)',
    print: 'Spausdinti arba išsaugoti PDF: Ctrl+P',
    noAddress: 'Kliento pašto adresas nenurodytas: įrašykite jį į kreipimosi duomenis arba ant voko.',
  },
  en: {
    title: 'Answer to your inquiry',
    number: 'No.',
    reference: (date: string, number: string) => `Re your inquiry of ${date}, No. ${number}`,
    code: 'Legal entity code',
    phone: 'Tel.',
    email: 'E-mail',
    subject: 'Re:',
    signature: '(signature)',
    print: 'Print or save as PDF: Ctrl+P',
    noAddress: 'The client’s postal address is not recorded: add it to the inquiry or write it on the envelope.',
  },
} as const;

/**
 * R55.same-channel: a written complaint gets a written answer. The bot sends each staff member a link of their
 * own (signed, expiring); the page prints (or saves as PDF) as a letter a secretary can sign and post. An
 * altered, expired or foreign link gets a 403 page without anything of the letter.
 */
export function mountLetters(http: HttpServer, deps: LetterPageDependencies): void {
  const { letters, links, logger, timeZone, letterhead } = deps;
  http.routeForEach('GET', LETTER_PATH, async (request, response) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const check = links.verify({ id: query.get('id'), staff: query.get('staff'), expires: query.get('expires'), sig: query.get('sig') });
    if (!check.ok) {
      logger.info({ reason: check.reason }, 'letter link refused');
      return sendPrivatePage(response, 403, refusalPage(REFUSALS.forbidden));
    }
    let view: LetterView;
    try {
      view = await letters.letter(check.letterId, check.staffId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.info({ code: error.code }, 'letter not shown');
      return error.code === 'LETTER.FORBIDDEN' ? sendPrivatePage(response, 403, refusalPage(REFUSALS.forbidden)) : sendPrivatePage(response, 404, refusalPage(REFUSALS.not_found));
    }
    await deps.audit.recordRead(check.staffId, 'letter_opened', { inquiryId: view.inquiry.id, registryNumber: view.inquiry.registryNumber, details: { letterId: view.letter.id } });
    sendPrivatePage(response, 200, letterPage(view, letterhead(), timeZone));
  });
}

const REFUSALS = {
  forbidden: {
    lt: ['Nuoroda į raštą negalioja', 'Nuoroda pakeista, jos galiojimo laikas baigėsi arba ji skirta kitam darbuotojui. Atidarykite raštą iš naujo per Slack ar Teams: gausite naują, jums skirtą nuorodą.'],
    en: ['This link to a letter is not valid', 'The link was altered, has expired, or was made for another staff member. Open the letter again from Slack or Teams to get a new link of your own.'],
  },
  not_found: {
    lt: ['Raštas nerastas', 'Tokio rašto nėra. Atidarykite kreipimąsi per Slack ar Teams.'],
    en: ['Letter not found', 'There is no such letter. Open the inquiry from Slack or Teams.'],
  },
} satisfies Record<string, Refusal>;

/** `2027-03-01`: how Lithuanian documents write dates, in the institution's time zone. */
function isoDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `Dėl maitinimo`: the subject after "Dėl"/"Re:", unless the client's subject starts with it already. */
function subjectLine(prefix: string, subject: string): string {
  return subject.toLocaleLowerCase().startsWith(prefix.replace(/:$/, '').toLocaleLowerCase()) ? subject : `${prefix} ${subject}`;
}

const lines = (text: string): string => escapeHtml(text.trim()).replace(/\s*\n\s*/g, '<br>');

/**
 * The letter as posted: letterhead (name, address, legal entity code, phone, e-mail, web), the outgoing number
 * and date, the reference to the client's inquiry, the addressee's name and postal address, the text, and the
 * signer's position and name beside a line for the handwritten signature (R36). A4, Lithuanian document margins.
 */
export function letterPage({ letter, inquiry, signature }: LetterView, head: Letterhead, timeZone: string): string {
  const words = WORDS[letter.language];
  const paragraphs = letter.body.split(/\n{2,}/).map((text) => `<p>${escapeHtml(text).replaceAll('\n', '<br>')}</p>`).join('\n');
  const contacts = [
    head.address ? escapeHtml(head.address) : null,
    head.code ? `${words.code} ${escapeHtml(head.code)}` : null,
    head.phone ? `${words.phone} ${escapeHtml(head.phone)}` : null,
    head.email ? `${words.email} ${escapeHtml(head.email)}` : null,
    head.web ? escapeHtml(head.web) : null,
  ].filter((part) => part !== null);
  const address = inquiry.client.postalAddress;
  return `<!doctype html>
<html lang="${letter.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${words.title} ${letter.outgoingNumber}`)}</title>
<style>
@page{size:A4;margin:2cm 1cm 2cm 3cm}
body{font:12pt/1.4 "Times New Roman",Times,serif;color:#000;background:#fff;margin:0}
main{box-sizing:border-box;width:21cm;min-height:29.7cm;margin:1rem auto;padding:2cm 1cm 2cm 3cm;border:1px solid #888}
.letterhead{text-align:center;border-bottom:1px solid #000;padding-bottom:.5em;margin-bottom:2em}
.letterhead h1{font-size:14pt;font-weight:bold;margin:0 0 .3em}
.letterhead p{font-size:10pt;margin:0}
.meta{display:flex;justify-content:space-between;gap:2em;margin-bottom:2em}
.meta p{margin:0}
.addressee{white-space:normal}
h2{font-size:12pt;font-weight:bold;margin:0 0 1em;text-transform:uppercase}
.text p{margin:0 0 .8em;text-align:justify}
.signature{display:grid;grid-template-columns:1fr 5cm 1fr;gap:1em;align-items:end;margin-top:3em}
.signature .line{border-bottom:1px solid #000;height:1.6em}
.signature .caption{display:block;font-size:9pt;text-align:center;padding-top:.2em}
.signature .name{text-align:right}
.contact{margin-top:2em;font-size:10pt}
.no-print{font:1rem system-ui,sans-serif;margin:1rem auto;width:21cm;box-sizing:border-box}
.warning{border:2px solid #a40000;padding:.5rem 1rem;color:#a40000;font-weight:600}
@media print{.no-print{display:none}main{width:auto;min-height:0;margin:0;padding:0;border:0}}
</style>
</head>
<body>
<main>
<div class="no-print"><p>${escapeHtml(words.print)}</p>${address ? '' : `<p class="warning">${escapeHtml(words.noAddress)}</p>`}</div>
<header class="letterhead">
<h1>${escapeHtml(head.name)}</h1>
${contacts.length > 0 ? `<p>${contacts.join(', ')}</p>` : ''}
</header>
<div class="meta">
<div class="addressee"><p>${escapeHtml(inquiry.client.name)}</p>${address ? `<p>${lines(address)}</p>` : ''}</div>
<div class="issue"><p><span class="outgoing-date">${isoDate(letter.createdAt, timeZone)}</span> ${words.number} <span class="outgoing-number">${escapeHtml(letter.outgoingNumber)}</span></p>
<p class="reference">${escapeHtml(words.reference(isoDate(inquiry.receivedAt, timeZone), inquiry.registryNumber))}</p></div>
</div>
<h2>${escapeHtml(subjectLine(words.subject, inquiry.subject))}</h2>
<div class="text">
${paragraphs}
</div>
<div class="signature">
<p class="position">${escapeHtml(signature.position)}</p>
<p><span class="line"></span><span class="caption">${escapeHtml(words.signature)}</span></p>
<p class="name">${escapeHtml(`${signature.firstName} ${signature.surname}`)}</p>
</div>
<p class="contact">${escapeHtml(`${signature.firstName} ${signature.surname}, ${words.phone} ${signature.phone}`)}</p>
</main>
</body>
</html>
`;
}
