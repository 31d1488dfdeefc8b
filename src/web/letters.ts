import type { ClientChannelService, LetterView } from '../domain/client-channel.service.js';
import { DomainError } from '../domain/errors.js';
import type { HttpServer } from '../http/server.js';
import { sendJson } from '../http/server.js';
import type { Logger } from '../logger.js';
import { escapeHtml } from './pages.js';

/** The route of a printable letter; the letter's random id is the only key to it. */
export const LETTER_PATH = '/letters';

const WORDS = {
  lt: { title: 'Atsakymas į kreipimąsi', number: 'Reg. Nr.', to: 'Kam', date: 'Data', subject: 'Dėl', print: 'Spausdinti arba išsaugoti PDF' },
  en: { title: 'Answer to your inquiry', number: 'Ref. No.', to: 'To', date: 'Date', subject: 'Re', print: 'Print or save as PDF' },
} as const;

/**
 * R55.same-channel: a written complaint gets a written answer. The bot links staff to this page, which prints
 * (or saves as PDF from the browser's print dialog) as a signed letter with the registry number.
 */
export function mountLetters(http: HttpServer, letters: ClientChannelService, logger: Logger, timeZone: string): void {
  http.route('GET', LETTER_PATH, async (request, response) => {
    const id = new URL(request.url ?? '/', 'http://localhost').searchParams.get('id') ?? '';
    let view: LetterView;
    try {
      view = await letters.letter(id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.info({ code: error.code }, 'letter not shown');
      return sendJson(response, 404, { error: 'not_found' });
    }
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      // The letter holds a client's personal data: never cached, never framed.
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    response.end(letterPage(view, timeZone));
  });
}

export function letterPage({ letter, inquiry, signature }: LetterView, timeZone: string): string {
  const words = WORDS[letter.language];
  const date = new Intl.DateTimeFormat(letter.language === 'lt' ? 'lt-LT' : 'en-GB', { timeZone, dateStyle: 'long' }).format(letter.createdAt);
  const paragraphs = letter.body.split(/\n{2,}/).map((text) => `<p>${escapeHtml(text).replaceAll('\n', '<br>')}</p>`).join('\n');
  return `<!doctype html>
<html lang="${letter.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${words.title} ${inquiry.registryNumber}`)}</title>
<style>
body{font:12pt/1.5 Georgia,serif;max-width:17cm;margin:2cm auto;color:#000}
header{border-bottom:1px solid #000;margin-bottom:1.5em}
dl{display:grid;grid-template-columns:auto 1fr;gap:.2em 1em}
dt{font-weight:bold}
.signature{margin-top:3em;white-space:pre-line}
.no-print{font:1rem system-ui,sans-serif;margin-bottom:2em}
@media print{.no-print{display:none}body{margin:0 auto}}
</style>
</head>
<body>
<main>
<p class="no-print">${escapeHtml(words.print)}: Ctrl+P</p>
<header><h1>${escapeHtml(signature.institution)}</h1></header>
<dl>
<dt>${words.number}</dt><dd>${escapeHtml(inquiry.registryNumber)}</dd>
<dt>${words.date}</dt><dd>${escapeHtml(date)}</dd>
<dt>${words.to}</dt><dd>${escapeHtml(inquiry.client.name)}</dd>
<dt>${words.subject}</dt><dd>${escapeHtml(inquiry.subject)}</dd>
</dl>
<h2>${escapeHtml(words.title)}</h2>
${paragraphs}
<p class="signature">${escapeHtml(`${signature.position}\n${signature.firstName} ${signature.surname}\n${signature.phone}`)}</p>
</main>
</body>
</html>
`;
}
