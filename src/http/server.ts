import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inInstitution, type InstitutionId } from '../domain/institution.js';
import type { Logger } from '../logger.js';
import { BodyTooLargeError, ClientGoneError, RequestRefusedError } from './request-body.js';

export type RouteHandler = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>;

/** The one HTTP server: health, and later the Slack, Teams and web-form endpoints register here. */
export class HttpServer {
  private readonly routes = new Map<string, RouteHandler>();
  /** Routes whose path carries a part of its own after the prefix (`/rating/<token>`), tried when no exact route matches. */
  private readonly prefixes: Array<{ method: string; prefix: string; handler: RouteHandler }> = [];
  /** Routes each institution has under its own address part (`/<part>/…`, issue #17). */
  private readonly scoped = new Map<string, RouteHandler>();
  private readonly scopedPrefixes: Array<{ method: string; prefix: string; handler: RouteHandler }> = [];
  private readonly server = http.createServer((request, response) => void this.dispatch(request, response));

  /**
   * `institutionOf` names the institution a request is work of (issue #17): the handlers and everything they do run
   * inside it. A platform that learns the institution from the request itself (a Slack workspace) names it again there.
   */
  constructor(
    private readonly logger: Logger,
    private readonly institutionOf: (request: http.IncomingMessage) => InstitutionId,
    /** The institution at `/<part>/`, or null (issue #17). */
    private readonly institutionAt: (part: string) => Promise<InstitutionId | null> = async () => null,
  ) {}

  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method} ${path}`, handler);
  }

  /** `prefix` ends with `/`; the handler reads the rest of the path itself. */
  routePrefix(method: string, prefix: string, handler: RouteHandler): void {
    this.prefixes.push({ method, prefix, handler });
  }

  /**
   * A route every institution has (issue #17): at `/<part>${path}` for each institution (its short name), and at
   * `path` itself for the first institution, where it always was. The handler sees the request's path without the part
   * (`basePathOf` gives it back, for links on the page).
   */
  routeForEach(method: string, path: string, handler: RouteHandler): void {
    this.route(method, path, handler);
    this.scoped.set(`${method} ${path}`, handler);
  }

  /** `routePrefix` for every institution, as `routeForEach`. */
  routePrefixForEach(method: string, prefix: string, handler: RouteHandler): void {
    this.routePrefix(method, prefix, handler);
    this.scopedPrefixes.push({ method, prefix, handler });
  }

  async listen(port: number, host: string): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, resolve);
    });
    const address = this.server.address() as AddressInfo;
    return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  private async dispatch(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handler = find(this.routes, this.prefixes, request.method, path);
    try {
      if (handler) return await inInstitution(this.institutionOf(request), () => handler(request, response));
      const bare = /^\/([a-z0-9][a-z0-9-]{0,62})$/.exec(path);
      if (bare && request.method === 'GET' && this.scoped.has('GET /') && (await this.institutionAt(bare[1]!)) !== null) {
        // An institution's address typed without its last slash: its form is one slash away.
        response.writeHead(301, { location: `/${bare[1]}/` });
        return void response.end();
      }
      const part = INSTITUTION_PART.exec(path);
      const scoped = part ? find(this.scoped, this.scopedPrefixes, request.method, part[2]!) : undefined;
      const institution = scoped ? await this.institutionAt(part![1]!) : null;
      if (!scoped || institution === null) return sendJson(response, 404, { error: 'not_found' });
      // The handler reads its own path as the first institution's route would.
      bases.set(request, `/${part![1]}`);
      request.url = (request.url ?? '/').slice(part![1]!.length + 1);
      await inInstitution(institution, () => scoped(request, response));
    } catch (error) {
      if (error instanceof RequestRefusedError) return refuse(response, error);
      if (error instanceof ClientGoneError) return void response.destroy();
      this.logger.error({ err: error, path }, 'request failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'internal_error' });
    }
  }
}

/** `/<part>/…`: an institution's short name (or number), then the path of a route every institution has. */
const INSTITUTION_PART = /^\/([a-z0-9][a-z0-9-]{0,62})(\/.*)$/;

/** The address part a request came under (`/saulute`), or '' for the first institution's own paths. */
const bases = new WeakMap<http.IncomingMessage, string>();

/** Where links on a page for this request start: '' or `/<part>` (issue #17). */
export function basePathOf(request: http.IncomingMessage): string {
  return bases.get(request) ?? '';
}

function find(
  routes: Map<string, RouteHandler>,
  prefixes: Array<{ method: string; prefix: string; handler: RouteHandler }>,
  method: string | undefined,
  path: string,
): RouteHandler | undefined {
  return routes.get(`${method} ${path}`) ?? prefixes.find((route) => route.method === method && path.startsWith(route.prefix) && path.length > route.prefix.length)?.handler;
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/**
 * A 4xx for a request we will not serve. A body over the limit also closes the connection: what the client
 * still sends is not read as the next request. It was drained first (see readBody), so the client reads the
 * 413 rather than a reset; only when it was not (absurdly large) is the socket cut right after the answer.
 */
export function refuse(response: http.ServerResponse, error: RequestRefusedError): void {
  if (response.headersSent) return;
  const tooLarge = error instanceof BodyTooLargeError;
  sendJson(response, error.status, { error: error.code }, tooLarge ? { connection: 'close' } : {});
  if (tooLarge && !error.drained) response.once('finish', () => response.socket?.destroySoon());
}
