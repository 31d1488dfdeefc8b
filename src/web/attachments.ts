import type http from 'node:http';
import type { AttachmentLinks } from '../domain/attachment-link.js';
import type { AttachmentAccess } from '../domain/attachment.service.js';
import type { AuditTrail } from '../domain/audit.service.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { PRIVATE_HEADERS, refuseLink, type Refusal } from './private-response.js';

/** `GET /attachments/<id>?staff=…&expires=…&sig=…`: a client's e-mailed file, for the one person its link was made for. */
export const ATTACHMENT_PATH = '/attachments/';

export interface AttachmentDownloadDependencies {
  attachments: Pick<AttachmentAccess, 'open'>;
  links: AttachmentLinks;
  logger: Logger;
  /** R12.records: who opened which inquiry's file, recorded before a byte of it leaves. */
  audit?: Pick<AuditTrail, 'recordRead'>;
}

/**
 * Issue #15: health data stays out of chat. The file goes to the browser of the owner or a supervisor who opened
 * its signed link — always as a download (never rendered in the page), never cached, never sniffed as something
 * else. An altered link, one for another person or another purpose (a letter's) gets 403; an expired one 410.
 */
export function mountAttachments(http: HttpServer, deps: AttachmentDownloadDependencies): void {
  const { attachments, links, logger, audit } = deps;
  http.routePrefixForEach('GET', ATTACHMENT_PATH, async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const id = decodeURIComponent(url.pathname.slice(ATTACHMENT_PATH.length));
    const query = url.searchParams;
    const check = links.verify(id, { staff: query.get('staff'), expires: query.get('expires'), sig: query.get('sig') });
    if (!check.ok) {
      logger.info({ reason: check.reason }, 'attachment link refused');
      return refuseStatus(response, check.reason === 'expired' ? 410 : 403);
    }
    const opening = await attachments.open(check.attachmentId, check.staffId);
    if (!opening.ok) {
      logger.info({ reason: opening.reason, attachmentId: check.attachmentId }, 'attachment not given');
      return refuseStatus(response, opening.reason === 'forbidden' ? 403 : 404);
    }
    const { file } = opening;
    await audit?.recordRead(check.staffId, 'attachment_opened', { inquiryId: opening.inquiryId, registryNumber: opening.registryNumber, details: { attachmentId: file.id } });
    response.writeHead(200, {
      'content-type': safeContentType(file.contentType),
      'content-length': String(file.content.length),
      'content-disposition': contentDisposition(file.filename),
      ...FILE_HEADERS,
    });
    response.end(file.content);
  });
}

/** Health data: besides what every private response gets, never run as a page (a sandbox, nothing loaded). */
const FILE_HEADERS = { ...PRIVATE_HEADERS, 'content-security-policy': "sandbox; default-src 'none'" } as const;

/** The type the client's mail declared, when it is a plain `type/subtype`; anything odd is served as bytes. */
function safeContentType(declared: string): string {
  return /^[a-z]+\/[a-z0-9.+-]{1,100}$/i.test(declared) ? declared : 'application/octet-stream';
}

/** `attachment`, with an ASCII fallback name and the real one in RFC 5987 form (Lithuanian letters survive). */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'attachment';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const REFUSALS: Record<403 | 404 | 410, Refusal> = {
  403: {
    lt: ['Nuoroda į priedą negalioja', 'Nuoroda pakeista arba skirta kitam darbuotojui. Atidarykite kreipimąsi per Slack ar Teams: gausite naują, jums skirtą nuorodą.'],
    en: ['This link to an attachment is not valid', 'The link was altered or made for another staff member. Open the inquiry from Slack or Teams to get a new link of your own.'],
  },
  404: {
    lt: ['Priedas nerastas', 'Tokio priedo nėra arba jo turinys nebuvo išsaugotas.'],
    en: ['Attachment not found', 'There is no such attachment, or its content was not kept.'],
  },
  410: {
    lt: ['Nuorodos galiojimas baigėsi', 'Atidarykite kreipimąsi per Slack ar Teams iš naujo: gausite naują nuorodą.'],
    en: ['This link has expired', 'Open the inquiry from Slack or Teams again to get a new link.'],
  },
};

function refuseStatus(response: http.ServerResponse, status: 403 | 404 | 410): void {
  refuseLink(response, status, REFUSALS[status]);
}
