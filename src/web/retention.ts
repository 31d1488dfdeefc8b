import { DateTime } from 'luxon';
import { DomainError } from '../domain/errors.js';
import { RETENTION_LIST_PATH } from '../domain/retention-link.js';
import type { RetentionCandidate } from '../domain/retention.js';
import type { RetentionService } from '../domain/retention.service.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { escapeHtml } from './pages.js';
import { refuseLink, sendPrivatePage, type Refusal } from './private-response.js';

export interface RetentionPageDependencies {
  retention: Pick<RetentionService, 'verifyLink' | 'listFor'>;
  logger: Logger;
  timeZone: string;
}

/**
 * Issue #15 (retention): the inquiries the coming night will anonymise, opened by the signed, expiring link one admin
 * got the evening before. Registry numbers, kinds and closed dates only — nothing personal — read again when opened,
 * for someone who is still an active admin. An altered, expired or foreign link gets a 403 page and nothing of the list.
 */
export function mountRetentionList(http: HttpServer, deps: RetentionPageDependencies): void {
  const { retention, logger, timeZone } = deps;
  http.routeForEach('GET', RETENTION_LIST_PATH, async (request, response) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const check = retention.verifyLink({ night: query.get('night'), staff: query.get('staff'), expires: query.get('expires'), sig: query.get('sig') });
    if (!check.ok) {
      logger.info({ reason: check.reason }, 'retention list link refused');
      return refuseLink(response, 403, REFUSAL);
    }
    let due: RetentionCandidate[];
    try {
      due = await retention.listFor(check.staffId, check.night);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.info({ staffId: check.staffId, code: error.code }, 'retention list refused');
      return refuseLink(response, 403, REFUSAL);
    }
    sendPrivatePage(response, 200, listPage(check.night, due, timeZone));
  });
}

const KIND: Readonly<Record<RetentionCandidate['kind'], string>> = { request: 'Prašymas / Request', question: 'Klausimas / Question', complaint: 'Skundas / Complaint' };

function listPage(night: string, due: readonly RetentionCandidate[], zone: string): string {
  const rows = due
    .map((item) => `<tr><td>${escapeHtml(item.registryNumber)}</td><td>${escapeHtml(KIND[item.kind])}</td><td>${escapeHtml(DateTime.fromJSDate(item.closedAt, { zone }).toISODate() ?? '')}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="lt">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Anonimizuojami kreipimaisi ${escapeHtml(night)} / To be anonymised</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}main{max-width:48rem;margin:0 auto;padding:1rem}table{border-collapse:collapse}td,th{padding:.25rem .75rem;border-bottom:1px solid #ddd;text-align:left}</style>
</head>
<body>
<main>
<h1>Naktį ${escapeHtml(night)} bus anonimizuota: ${due.length}</h1>
<p>Uždaryti kreipimaisi, kurių saugojimo terminas baigėsi. Norėdami kurį nors išsaugoti, nustatykite teisinį draudimą: <code>hold &lt;numeris&gt; on</code>.</p>
<p lang="en">Closed inquiries past their retention period, to be anonymised on the night of ${escapeHtml(night)}. To keep one, set a legal hold: <code>hold &lt;number&gt; on</code>.</p>
<table>
<thead><tr><th>Registro Nr. / Registry No.</th><th>Rūšis / Kind</th><th>Uždaryta / Closed</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}

const REFUSAL: Refusal = {
  lt: ['Nuoroda į anonimizuojamų kreipimųsi sąrašą negalioja', 'Nuoroda pakeista, jos galiojimo laikas baigėsi arba ji skirta kitam darbuotojui. Sąrašą mato tik administratorius.'],
  en: ['This link to the list of inquiries to be anonymised is not valid', 'The link was altered, has expired, or was made for another staff member. Only an admin may see the list.'],
};
