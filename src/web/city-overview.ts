import type http from 'node:http';
import { CITY_EXPORT_PATH, CITY_OVERVIEW_PATH, type CityLinkQuery } from '../domain/city-link.js';
import type { CityMonth, CityOverviewService, CityRow } from '../domain/city-overview.service.js';
import { DomainError } from '../domain/errors.js';
import { acrossInstitutions } from '../domain/institution.js';
import { RATINGS_SHOWN_FROM } from '../domain/quality/city-overview.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { CITY_WORDS, type CityWords } from './city-overview-words.js';
import { sendCsv, type CsvColumns } from './csv.js';
import { fillMessage } from './messages.js';
import { escapeHtml } from './pages.js';
import { refuseLink, sendPrivatePage, type Refusal } from './private-response.js';
import type { PageLanguage } from './subject-access-words.js';

export interface CityOverviewDependencies {
  city: Pick<CityOverviewService, 'verifyLink' | 'month' | 'overview'>;
  logger: Logger;
  timeZone: string;
}

/**
 * Issue #17, item 8: `GET /city` shows every institution's quality figures for a month side by side (Lithuanian;
 * `?lang=en` English; `?month=2027-03`, else the last full month), and `GET /city/overview.csv` the same aggregates
 * as a file. Opened by a link from `npm run city:link`; an altered one gets 403, an expired one 410, and nothing of the
 * figures. The work belongs to no institution: it runs outside any and reads only the database's city function.
 */
export function mountCityOverview(http: HttpServer, deps: CityOverviewDependencies): void {
  http.route('GET', CITY_OVERVIEW_PATH, (request, response) => acrossInstitutions(() => serve(request, response, deps, 'html')));
  http.route('GET', CITY_EXPORT_PATH, (request, response) => acrossInstitutions(() => serve(request, response, deps, 'csv')));
}

async function serve(request: http.IncomingMessage, response: http.ServerResponse, deps: CityOverviewDependencies, format: 'html' | 'csv'): Promise<void> {
  const { city, logger } = deps;
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  const link = { holder: query.get('holder'), expires: query.get('expires'), sig: query.get('sig') };
  const check = city.verifyLink(link);
  if (!check.ok) {
    logger.info({ reason: check.reason }, 'city overview link refused');
    const expired = check.reason === 'expired';
    return refuseLink(response, expired ? 410 : 403, expired ? EXPIRED : REFUSAL);
  }
  let month: CityMonth;
  try {
    month = city.month(query.get('month'));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    logger.info({ code: error.code }, 'city overview month refused');
    return refuseLink(response, 400, NO_SUCH_MONTH);
  }
  const rows = await city.overview(month);
  // The holder is the link's random id: it names nobody, and ties an opening to the link's issue.
  logger.info({ holder: check.holder, month: month.month, format, institutions: rows.length }, 'city overview sent');
  if (format === 'csv') {
    await sendCsv(response, { filename: `langelis-city-${month.month}.csv` }, COLUMNS, rows.map((row) => ({ month: month.month, row })));
    return;
  }
  const language: PageLanguage = query.get('lang') === 'en' ? 'en' : 'lt';
  // Checked above: every part is there, and the months and languages it links to carry it on.
  const signed = link as CityLinkQuery;
  const href = (path: string, to: { month: string; lang: PageLanguage }) =>
    `${path}?${new URLSearchParams({ month: to.month, ...(to.lang === 'en' ? { lang: 'en' } : {}), ...signed }).toString()}`;
  sendPrivatePage(response, 200, cityPage(month, rows, language, deps.timeZone, href));
}

type Href = (path: string, to: { month: string; lang: PageLanguage }) => string;

/** The page: the table (th with scope, a caption), months to page to, the CSV; WCAG 2.1 AA. */
function cityPage(month: CityMonth, rows: readonly CityRow[], lang: PageLanguage, zone: string, href: Href): string {
  const words = CITY_WORDS[lang];
  const name = (of: string) => monthName(of, words.locale, zone);
  const here = name(month.month);
  const text = (value: string) => escapeHtml(value);
  const columns = Object.values(words.columns);
  const neighbours = [
    `<li><a href="${text(href(CITY_OVERVIEW_PATH, { month: month.previous, lang }))}" rel="prev">${text(fillMessage(words.previous, { month: name(month.previous) }))}</a></li>`,
    month.next ? `<li><a href="${text(href(CITY_OVERVIEW_PATH, { month: month.next, lang }))}" rel="next">${text(fillMessage(words.next, { month: name(month.next) }))}</a></li>` : '',
  ].join('');
  const body = rows.length === 0 ? `<tr><td colspan="${columns.length}">${text(words.none)}</td></tr>` : rows.map((row) => rowHtml(row, words)).join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${text(`${words.title} – ${here}`)}</title>
<style>
body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:80rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
td{text-align:right}
td.figure{white-space:nowrap}
nav ul{list-style:none;padding:0;display:flex;gap:1.5rem;flex-wrap:wrap}
a{color:#0b57b0}
:focus-visible{outline:3px solid #b35900;outline-offset:2px}
</style>
</head>
<body>
<main>
<header><h1>${text(`${words.title}: ${here}`)}</h1><a href="${text(href(CITY_OVERVIEW_PATH, { month: month.month, lang: words.otherLanguage }))}" lang="${words.otherLanguage}" hreflang="${words.otherLanguage}">${text(words.otherLanguageName)}</a></header>
<p>${text(words.intro)}</p>
<nav aria-label="${text(words.months)}"><ul>${neighbours}</ul></nav>
<p><a href="${text(href(CITY_EXPORT_PATH, { month: month.month, lang }))}">${text(fillMessage(words.download, { month: here }))}</a></p>
<div class="scroll" role="region" aria-labelledby="city-caption" tabindex="0">
<table>
<caption id="city-caption">${text(fillMessage(words.caption, { month: here }))}</caption>
<thead><tr>${columns.map((column) => `<th scope="col">${text(column)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
<h2>${text(words.notesTitle)}</h2>
<ul>${words.notes.map((note) => `<li>${text(fillMessage(note, { min: String(RATINGS_SHOWN_FROM) }))}</li>`).join('')}</ul>
</main>
</body>
</html>
`;
}

function rowHtml(row: CityRow, words: CityWords): string {
  const number = (value: number, decimals = 0) =>
    new Intl.NumberFormat(words.locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
  const shareOf = (part: number, whole: number, value: number | null) =>
    value === null ? '—' : `${number(Math.round(value * 100))} % (${fillMessage(words.outOf, { part: number(part), whole: number(whole) })})`;
  const average =
    row.ratingAverage !== null ? number(row.ratingAverage, 1) : row.ratingsAnswered > 0 ? fillMessage(words.withheld, { min: String(RATINGS_SHOWN_FROM) }) : '—';
  const cells = [
    number(row.received),
    number(row.open),
    shareOf(row.firstRepliesOnTime, row.firstRepliesDue, row.firstReplyOnTimeShare),
    officeTime(row.firstReplyMedianOfficeMinutes, words),
    shareOf(row.resolvedOnTime, row.resolvedWithDue, row.resolvedOnTimeShare),
    number(row.overdue),
    number(row.escalatedConflicts + row.incidents),
    number(row.ratingsAnswered),
    average,
  ];
  // The withheld average's words may wrap; a figure never breaks across lines.
  const cell = (text: string, index: number) => `<td${index < cells.length - 1 || row.ratingAverage !== null ? ' class="figure"' : ''}>${escapeHtml(text)}</td>`;
  return `<tr><th scope="row">${escapeHtml(row.name)}</th>${cells.map(cell).join('')}</tr>`;
}

/** Office minutes as "1 val. 25 min." (or "2 val."); "—" when no first reply was sent. */
function officeTime(minutes: number | null, words: CityWords): string {
  if (minutes === null) return '—';
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  if (hours === 0) return fillMessage(words.minutes, { minutes: String(whole) });
  return fillMessage(whole % 60 === 0 ? words.hours : words.hoursMinutes, { hours: String(hours), minutes: String(whole % 60) });
}

function monthName(month: string, locale: string, zone: string): string {
  // The 15th at noon UTC is in the month in every zone.
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: zone }).format(new Date(`${month}-15T12:00:00Z`));
}

/** The CSV: the month, then the institution and its counts; a withheld average is an empty cell. */
const COLUMNS: CsvColumns<{ month: string; row: CityRow }> = [
  ['month', ({ month }) => month],
  ['institution_id', ({ row }) => row.institutionId],
  ['slug', ({ row }) => row.slug],
  ['name', ({ row }) => row.name],
  ['received', ({ row }) => row.received],
  ['resolved', ({ row }) => row.resolved],
  ['open_at_end', ({ row }) => row.open],
  ['first_replies_due', ({ row }) => row.firstRepliesDue],
  ['first_replies_on_time', ({ row }) => row.firstRepliesOnTime],
  ['first_reply_median_office_minutes', ({ row }) => row.firstReplyMedianOfficeMinutes],
  ['resolved_with_due', ({ row }) => row.resolvedWithDue],
  ['resolved_on_time', ({ row }) => row.resolvedOnTime],
  ['overdue', ({ row }) => row.overdue],
  ['escalated_conflicts', ({ row }) => row.escalatedConflicts],
  ['incidents', ({ row }) => row.incidents],
  ['ratings_requested', ({ row }) => row.ratingsRequested],
  ['ratings_answered', ({ row }) => row.ratingsAnswered],
  ['rating_average', ({ row }) => row.ratingAverage],
];

const REFUSAL: Refusal = {
  lt: ['Nuoroda į miesto apžvalgą negalioja', 'Nuoroda pakeista arba nepilna. Paprašykite naujos nuorodos sistemos administratoriaus.'],
  en: ['This link to the city overview is not valid', 'The link was altered or is incomplete. Ask the system administrator for a new link.'],
};

const EXPIRED: Refusal = {
  lt: ['Nuorodos galiojimo laikas baigėsi', 'Miesto apžvalgos nuoroda galioja ribotą laiką. Paprašykite naujos nuorodos sistemos administratoriaus.'],
  en: ['This link has expired', 'A link to the city overview works for a limited time. Ask the system administrator for a new link.'],
};

const NO_SUCH_MONTH: Refusal = {
  lt: ['Tokio mėnesio nėra', 'Mėnuo nurodomas taip: 2027-03. Rodomi tik prasidėję mėnesiai.'],
  en: ['There is no such month', 'A month is written like 2027-03. Only months that have begun are shown.'],
};
