import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activityId: string | null;
  body: Record<string, unknown>;
  status: number;
}

export interface RosterMember {
  id: string;
  aadObjectId: string;
  name: string;
  /** As Teams gives it in the roster (the first admin of a new institution is made from it, issue #17). */
  email?: string;
}

/**
 * A local stand-in for the Bot Connector at the activities' `serviceUrl`: records what the bot sends, replies,
 * updates and creates, serves a team roster, and can be told to fail (429 with Retry-After, or 5xx).
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  roster: RosterMember[] = [];
  private failures: Array<{ status: number; retryAfter?: string }> = [];
  private nextId = 1;
  private readonly server = http.createServer((request, response) => void this.serve(request, response));
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` requests (other than roster reads) fail with `status`. */
  failNext(count: number, status: number, retryAfter?: string): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ status, ...(retryAfter ? { retryAfter } : {}) });
  }

  /** Successful new messages: posts to a conversation (not replies). */
  sent(conversationId?: string): ConnectorCall[] {
    return this.ok('POST', 'activities').filter((call) => call.activityId === null && (!conversationId || call.conversationId === conversationId));
  }

  replies(conversationId?: string): ConnectorCall[] {
    return this.ok('POST', 'activities').filter((call) => call.activityId !== null && (!conversationId || call.conversationId === conversationId));
  }

  updates(activityId?: string): ConnectorCall[] {
    return this.ok('PUT', 'activities').filter((call) => !activityId || call.activityId === activityId);
  }

  created(): ConnectorCall[] {
    return this.calls.filter((call) => call.method === 'POST' && call.path === '/v3/conversations' && call.status === 200);
  }

  private ok(method: string, kind: string): ConnectorCall[] {
    return this.calls.filter((call) => call.method === method && call.path.includes(`/${kind}`) && call.status === 200);
  }

  private async serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const match = /^\/v3\/conversations\/([^/]+)(?:\/(activities|pagedmembers)(?:\/([^/]+))?)?$/.exec(path);
    const conversationId = match ? decodeURIComponent(match[1]!) : '';
    const activityId = match?.[3] ? decodeURIComponent(match[3]) : null;
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && match?.[2] === 'pagedmembers') return reply(200, { members: this.roster });
    const member = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && member) {
      const found = this.roster.find((person) => person.id === decodeURIComponent(member[1]!));
      return found ? reply(200, found) : reply(404, { error: { code: 'NotFound', message: 'no such member' } });
    }
    const call: ConnectorCall = { method: request.method ?? '', path, conversationId, activityId, body: text ? JSON.parse(text) : {}, status: 200 };
    this.calls.push(call);
    const failure = this.failures.shift();
    if (failure) {
      call.status = failure.status;
      return reply(failure.status, { error: { code: 'ServiceError', message: 'stand-in failure' } }, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
    }
    if (request.method === 'POST' && path === '/v3/conversations') {
      const member = ((call.body.members as Array<{ id: string }> | undefined) ?? [])[0];
      // The same id Teams uses for the person's 1:1 chat with the bot (see activities.ts).
      return reply(200, { id: `a:personal-${member?.id ?? this.nextId++}` });
    }
    if (request.method === 'PUT') return reply(200, { id: activityId });
    return reply(200, { id: `m-${this.nextId++}` });
  }
}
