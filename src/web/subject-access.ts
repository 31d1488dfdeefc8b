import { DomainError } from '../domain/errors.js';
import type { SubjectAccess } from '../domain/subject-access.service.js';
import type { ExportedInquiry, StaffRef, SubjectAccessExport } from '../domain/subject-access.js';
import { SUBJECT_ACCESS_PATH } from '../domain/subject-access-link.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { escapeHtml } from './pages.js';
import { PRIVATE_HEADERS, refuseLink, sendPrivatePage, type Refusal } from './private-response.js';
import { SUBJECT_ACCESS_WORDS, type PageLanguage, type SubjectAccessWords } from './subject-access-words.js';

export interface SubjectAccessPageDependencies {
  subjectAccess: Pick<SubjectAccess, 'verifyLink' | 'open'>;
  logger: Logger;
  timeZone: string;
}

/**
 * Issue #15 item 3, R12.records: what is stored about one person, opened by the signed, expiring link an admin got
 * privately from `export <e-mail or phone>`. The page reads in Lithuanian (`?lang=en`: English); `?format=json`
 * downloads the same as a file. Each opening is recorded in the audit log before anything is sent. An altered or
 * foreign link, or someone who is no longer an active admin, gets a 403 page; an expired one 410; nothing of the data.
 * Logs carry the request's id and codes only, never the person's contact.
 */
export function mountSubjectAccess(http: HttpServer, deps: SubjectAccessPageDependencies): void {
  const { subjectAccess, logger, timeZone } = deps;
  http.routeForEach('GET', SUBJECT_ACCESS_PATH, async (request, response) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const check = subjectAccess.verifyLink({ id: query.get('id'), staff: query.get('staff'), expires: query.get('expires'), sig: query.get('sig') });
    if (!check.ok) {
      logger.info({ reason: check.reason }, 'subject access link refused');
      refuseLink(response, check.reason === 'expired' ? 410 : 403, check.reason === 'expired' ? EXPIRED : REFUSAL);
      return;
    }
    const format = query.get('format') === 'json' ? 'json' : 'html';
    let exported: SubjectAccessExport;
    try {
      exported = await subjectAccess.open(check.staffId, check.requestId, format);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.info({ staffId: check.staffId, requestId: check.requestId, code: error.code }, 'subject access refused');
      refuseLink(response, 403, REFUSAL);
      return;
    }
    logger.info({ staffId: check.staffId, requestId: check.requestId, format, inquiries: exported.inquiries.length }, 'subject access export sent');
    if (format === 'json') {
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="langelis-subject-access-${exported.requestId}.json"`,
        ...PRIVATE_HEADERS,
      });
      response.end(`${JSON.stringify(exported, null, 2)}\n`);
      return;
    }
    const language: PageLanguage = query.get('lang') === 'en' ? 'en' : 'lt';
    const signed = { id: check.requestId, staff: check.staffId, expires: query.get('expires') ?? '', sig: query.get('sig') ?? '' };
    const link = (extra: Record<string, string>) => `${SUBJECT_ACCESS_PATH}?${new URLSearchParams({ ...signed, ...extra }).toString()}`;
    sendPrivatePage(response, 200, subjectAccessPage(exported, language, timeZone, { json: link({ format: 'json' }), other: link(language === 'lt' ? { lang: 'en' } : {}) }));
  });
}

const REFUSAL: Refusal = {
  lt: ['Nuoroda į asmens duomenų išrašą negalioja', 'Nuoroda pakeista arba skirta kitam darbuotojui. Išrašą gali atidaryti tik jo paprašęs administratorius: paprašykite iš naujo per Slack ar Teams.'],
  en: ['This link to a personal data export is not valid', 'The link was altered or was made for another staff member. Only the admin who asked may open the export: ask for it again in Slack or Teams.'],
};

const EXPIRED: Refusal = {
  lt: ['Nuorodos galiojimo laikas baigėsi', 'Asmens duomenų išrašo nuoroda galioja valandą. Paprašykite naujos per Slack ar Teams.'],
  en: ['This link has expired', 'A link to a personal data export works for an hour. Ask for a new one in Slack or Teams.'],
};

/** The page: a summary, then each inquiry with its records as tables (WCAG 2.1 AA: headings, th with scope, contrast). */
export function subjectAccessPage(exported: SubjectAccessExport, language: PageLanguage, timeZone: string, links: { json: string; other: string }): string {
  const words = SUBJECT_ACCESS_WORDS[language];
  const when = (iso: string | null) => (iso ? dateTime(iso, timeZone) : '—');
  const sections = exported.inquiries.map((inquiry) => inquirySection(inquiry, words, when)).join('\n');
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(words.title)}</title>
<style>
body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-top:2px solid #555;padding-top:1rem}h3{font-size:1.1rem;margin-top:1.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
td{white-space:pre-wrap;overflow-wrap:anywhere}
a{color:#0b57b0}
.note{border-left:4px solid #555;padding:.25rem .75rem;background:#f7f7f7}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(words.title)}</h1>
<p class="note">${escapeHtml(words.intro)}</p>
<table>
<caption>${escapeHtml(words.about)}</caption>
<tbody>
<tr><th scope="row">${escapeHtml(words.matchedBy[exported.matchedBy.kind])}</th><td>${escapeHtml(exported.matchedBy.value)}</td></tr>
<tr><th scope="row">${escapeHtml(words.generatedAt)}</th><td>${escapeHtml(when(exported.generatedAt))}</td></tr>
<tr><th scope="row">${escapeHtml(words.count)}</th><td>${exported.inquiries.length}</td></tr>
<tr><th scope="row">${escapeHtml(words.maskedLabel)}</th><td>${escapeHtml(words.maskedNote)}</td></tr>
</tbody>
</table>
<p><a href="${escapeHtml(links.json)}">${escapeHtml(words.download)}</a> · <a href="${escapeHtml(links.other)}" lang="${words.otherLanguage}" hreflang="${words.otherLanguage}">${escapeHtml(words.otherLanguageName)}</a></p>
${exported.inquiries.length === 0 ? `<p>${escapeHtml(words.none)}</p>` : sections}
</main>
</body>
</html>
`;
}

function inquirySection(inquiry: ExportedInquiry, words: SubjectAccessWords, when: (iso: string | null) => string): string {
  const staff = (ref: StaffRef | null) => (ref ? [ref.name, ref.position].filter(Boolean).join(', ') : '—');
  const details: Array<[string, string]> = [
    [words.kind, words.kinds[inquiry.kind] ?? inquiry.kind],
    [words.channel, words.channels[inquiry.channel] ?? inquiry.channel],
    [words.status, words.statuses[inquiry.status] ?? inquiry.status],
    [words.receivedAt, when(inquiry.receivedAt)],
    [words.resolvedAt, when(inquiry.resolvedAt)],
    [words.closedAt, when(inquiry.closedAt)],
    [words.name, inquiry.client.name],
    [words.email, inquiry.client.email ?? '—'],
    [words.phone, inquiry.client.phone ?? '—'],
    [words.postalAddress, inquiry.client.postalAddress ?? '—'],
    [words.owner, staff(inquiry.owner)],
    [words.subject, inquiry.subject],
    [words.body, inquiry.body],
  ];
  return `<section aria-labelledby="inquiry-${escapeHtml(inquiry.registryNumber)}">
<h2 id="inquiry-${escapeHtml(inquiry.registryNumber)}">${escapeHtml(`${words.inquiry} ${inquiry.registryNumber}`)}</h2>
<table>
<tbody>
${details.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('\n')}
</tbody>
</table>
${table(words.messages, words.none, [words.receivedAt, words.from, words.subject, words.body], inquiry.messages.map((m) => [when(m.receivedAt), m.from ?? '—', m.subject, m.body]))}
${table(words.calls, words.none, [words.at, words.staff, words.outcome, words.callSummary, words.expectation, words.nextStep], inquiry.calls.map((c) => [when(c.at), staff(c.by), words.outcomes[c.outcome] ?? c.outcome, c.summary, c.clientExpectation, c.nextStep]))}
${table(words.meetings, words.none, [words.at, words.chair, words.participants, words.agenda, words.decisions], inquiry.meetings.map((m) => [when(m.startsAt), `${staff(m.chair)} / ${staff(m.recorder)}`, m.participants.join(', '), m.agenda, m.decisions ?? '—']))}
${table(words.letters, words.none, [words.number, words.at, words.staff, words.body], inquiry.letters.map((l) => [l.outgoingNumber, when(l.createdAt), staff(l.author), l.body]))}
${table(words.emails, words.none, [words.at, words.to, words.subject, words.body], inquiry.emails.map((e) => [when(e.sentAt ?? e.createdAt), e.to, e.subject, e.body]))}
${table(words.attachments, words.none, [words.receivedAt, words.filename, words.size], inquiry.attachments.map((a) => [when(a.receivedAt), a.filename, `${a.sizeBytes} B${a.stored ? '' : ` (${words.notStored})`}`]))}
${table(words.ratings, words.none, [words.at, words.score, words.comment], inquiry.ratings.map((r) => [when(r.answeredAt ?? r.requestedAt), r.score === null ? words.ratingStatus[r.status] ?? r.status : String(r.score), r.comment ?? '—']))}
</section>`;
}

function table(title: string, none: string, headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  if (rows.length === 0) return `<h3>${escapeHtml(title)}</h3>\n<p>${escapeHtml(none)}</p>`;
  return `<h3>${escapeHtml(title)}</h3>
<table>
<thead><tr>${headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
}

/** `2027-03-02 10:00` in the institution's time zone. */
function dateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
