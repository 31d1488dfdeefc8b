import type http from 'node:http';
import { escapeHtml } from './pages.js';

/**
 * What holds a family's personal data (letters, attachments, exports) is never cached, framed or sniffed, and its
 * signed link is never passed on as a referrer.
 */
export const PRIVATE_HEADERS = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;

const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

export function sendPrivatePage(response: http.ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...PRIVATE_HEADERS, 'content-security-policy': PAGE_POLICY });
  response.end(html);
}

/** A page's title and one sentence, in each language. */
export interface Refusal {
  lt: readonly [string, string];
  en: readonly [string, string];
}

/** Said in both languages: a refused link's page cannot know whose link it was, and tells nothing of what it opens. */
export function refusalPage({ lt, en }: Refusal): string {
  return `<!doctype html>
<html lang="lt">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${lt[0]} / ${en[0]}`)}</title>
<style>body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem}h2{font-size:1.25rem}</style>
</head>
<body>
<main>
<h1>${escapeHtml(lt[0])}</h1>
<p>${escapeHtml(lt[1])}</p>
<section lang="en" aria-labelledby="refusal-en">
<h2 id="refusal-en">${escapeHtml(en[0])}</h2>
<p>${escapeHtml(en[1])}</p>
</section>
</main>
</body>
</html>
`;
}

export function refuseLink(response: http.ServerResponse, status: number, refusal: Refusal): void {
  sendPrivatePage(response, status, refusalPage(refusal));
}
