import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call as the bot made it; `blocks` and `view` are decoded from their JSON strings. */
export interface RecordedCall {
  method: string;
  body: Record<string, any>;
  /** Which attempt this was for the method (answers that failed are recorded too). */
  status: number;
  /** What the fake answered (a posted message's `ts`, say). */
  answer?: Record<string, unknown>;
  /** The bearer token the call was made with: which workspace's bot made it (issue #17). */
  token?: string;
}

/** A workspace the fake knows beside the default one: its bot's token and ids (issue #17). */
export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
}

/** Who approves the next install on the stand-in of Slack's authorize page, into which workspace. */
export interface FakeApproval extends FakeWorkspace {
  installer: string;
  /** An Enterprise Grid org-wide install (the app refuses it). */
  orgWide?: boolean;
}

type Scripted = { status: 429; retryAfter: number } | { error: string };

/** A message the fake holds, as `conversations.history` / `conversations.replies` return it. */
interface StoredMessage {
  ts: string;
  thread_ts?: string;
  text: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Real time of posting (the fake's ts are not clock readings), for `oldest`. */
  postedAt: number;
}

/**
 * A local stand-in for Slack's Web API (`SLACK_API_URL`): answers what the bot calls, records every call,
 * and can be told to fail the next calls of a method with a Slack error or a 429 with Retry-After.
 * `POST /hooks/…` stands in for response URLs.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly hooks: Array<{ path: string; body: Record<string, any> }> = [];
  /** Bytes posted to the upload URLs `files.getUploadURLExternal` gave out, by file id (R60.internal: the Home dashboard). */
  readonly uploads = new Map<string, Buffer>();
  /**
   * R60.internal: a workspace whose clients do not take Slack's chart block refuses any message carrying a
   * `data_visualization` block with `invalid_blocks` — the Web API as `200 { ok: false }` (recorded with status 400),
   * a response URL with `refuseChartsOnHooks` (its HTTP status; either way the body is `{ ok: false, error }`).
   * A refused response-URL post is kept in `refusedHooks`, not in `hooks`.
   */
  refuseCharts = false;
  refuseChartsOnHooks: 400 | 200 = 400;
  readonly refusedHooks: Array<{ path: string; body: Record<string, any> }> = [];
  private readonly script = new Map<string, Scripted[]>();
  private readonly matching: Array<{ method: string; where: (body: Record<string, any>) => boolean; answer: Scripted }> = [];
  private readonly fixed = new Map<string, Record<string, unknown>>();
  private sequence = 0;
  /** Messages posted per channel, oldest first. */
  private readonly messages = new Map<string, StoredMessage[]>();
  /**
   * Slack's own latency: a call is recorded (a message posted) when it arrives, and answered this much later,
   * so a bot killed meanwhile has posted without learning the message's ts.
   */
  latencyMs: number | ((method: string, token: string) => number) = 0;
  private readonly server = http.createServer((request, response) => void this.handle(request, response));
  url = '';
  /** Workspaces by bot token: `auth.test` answers for the token's workspace (issue #17). */
  readonly workspaces = new Map<string, FakeWorkspace>();
  /** The app's OAuth credentials, as `oauth.v2.access` checks them. */
  oauth = { clientId: '', clientSecret: '' };
  /** People's Slack profiles by member id, as `users.info` gives them (name and e-mail: scope users:read.email). */
  readonly profiles = new Map<string, { real_name: string; email: string }>();
  /** Approvals waiting on the authorize page, first first; none: the user presses Cancel. */
  private readonly approvals: FakeApproval[] = [];
  private readonly codes = new Map<string, FakeApproval>();

  /** The next visit to the authorize page installs the app into `approval`'s workspace, as `approval.installer`. */
  approveNextInstall(approval: FakeApproval): void {
    this.approvals.push(approval);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Answers every later call of `method` with `answer` (e.g. `apps.connections.open` for Socket Mode). */
  answer(method: string, answer: Record<string, unknown>): void {
    this.fixed.set(method, answer);
  }

  failNext(method: string, ...answers: Scripted[]): void {
    this.script.set(method, [...(this.script.get(method) ?? []), ...answers]);
  }

  /** Fails the first later call of `method` whose body matches `where` (once), e.g. only a thread reply. */
  failOnce(method: string, where: (body: Record<string, any>) => boolean, answer: Scripted): void {
    this.matching.push({ method, where, answer });
  }

  /** Successful calls of a method, optionally filtered. */
  ok(method: string, where: (body: Record<string, any>) => boolean = () => true): Array<Record<string, any>> {
    return this.calls.filter((call) => call.method === method && call.status === 200 && where(call.body)).map((call) => call.body);
  }

  /** The `ts` Slack gave a message the bot posted (`body` as returned by `ok`), to click its buttons. */
  tsOf(body: Record<string, any>): string {
    const call = this.calls.find((candidate) => candidate.body === body);
    if (typeof call?.answer?.ts !== 'string') throw new Error(`${call?.method ?? 'that call'} has no ts`);
    return call.answer.ts;
  }

  reset(): void {
    this.calls.length = 0;
    this.hooks.length = 0;
    this.refusedHooks.length = 0;
    this.messages.clear();
    this.uploads.clear();
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    // Slack's upload URLs take the file's bytes as they are, not a form.
    if (path.startsWith('/upload/')) {
      this.uploads.set(path.slice('/upload/'.length), Buffer.concat(chunks));
      return send(response, 200, { ok: true });
    }
    if (path === '/oauth/v2/authorize') return this.authorizePage(new URL(request.url ?? '/', 'http://localhost').searchParams, response);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = parseBody(raw, request.headers['content-type'] ?? '');
    const refused = this.refuseCharts && Array.isArray(body.blocks) && body.blocks.some((block: any) => block?.type === 'data_visualization');
    if (path.startsWith('/hooks/')) {
      if (refused) {
        this.refusedHooks.push({ path, body });
        return send(response, this.refuseChartsOnHooks, { ok: false, error: 'invalid_blocks' });
      }
      this.hooks.push({ path, body });
      return send(response, 200, { ok: true });
    }
    const method = path.replace(/^\/api\//, '');
    const matched = this.matching.findIndex((entry) => entry.method === method && entry.where(body));
    const scripted = matched >= 0 ? this.matching.splice(matched, 1)[0]!.answer : this.script.get(method)?.shift();
    if (scripted && 'status' in scripted) {
      this.calls.push({ method, body, status: 429 });
      response.writeHead(429, { 'retry-after': String(scripted.retryAfter), 'content-type': 'application/json' });
      return void response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    }
    if (scripted || refused) {
      this.calls.push({ method, body, status: 400 });
      return send(response, 200, { ok: false, error: scripted?.error ?? 'invalid_blocks' });
    }
    const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    const answer = this.fixed.get(method) ?? this.answerFor(method, body, token, request.headers.authorization);
    this.calls.push({ method, body, status: 200, answer, token });
    const latency = typeof this.latencyMs === 'number' ? this.latencyMs : this.latencyMs(method, token);
    // Unref'd: an answer still held back when the fake stops must not keep the test process alive.
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency).unref());
    send(response, 200, answer);
  }

  /**
   * Slack's authorize page, as a browser meets it: the user approves (an approval was scripted) and is sent back to
   * the app's redirect URL with a one-time code and the app's state, or cancels.
   */
  private authorizePage(query: URLSearchParams, response: http.ServerResponse): void {
    const back = new URL(query.get('redirect_uri') ?? 'http://invalid/');
    back.searchParams.set('state', query.get('state') ?? '');
    const approval = query.get('client_id') === this.oauth.clientId ? this.approvals.shift() : undefined;
    if (approval) {
      const code = `code-${++this.sequence}`;
      this.codes.set(code, approval);
      back.searchParams.set('code', code);
    } else {
      back.searchParams.set('error', 'access_denied');
    }
    response.writeHead(302, { location: back.toString() });
    response.end();
  }

  /** `oauth.v2.access`: the code once, with the app's credentials (form fields or HTTP Basic), for the workspace's bot. */
  private exchange(body: Record<string, any>, authorization: string | undefined): Record<string, unknown> {
    const basic = authorization?.startsWith('Basic ') ? Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':') : [];
    const [clientId, clientSecret] = [body.client_id ?? basic[0], body.client_secret ?? basic[1]];
    const approval = this.codes.get(String(body.code));
    this.codes.delete(String(body.code));
    if (clientId !== this.oauth.clientId || clientSecret !== this.oauth.clientSecret) return { ok: false, error: 'invalid_client_id' };
    if (!approval) return { ok: false, error: 'invalid_code' };
    this.workspaces.set(approval.botToken, approval);
    const team = { id: approval.teamId, name: approval.teamName };
    return {
      ok: true,
      app_id: 'A0LANGELIS',
      authed_user: { id: approval.installer },
      scope: String(body.scope ?? ''),
      token_type: 'bot',
      access_token: approval.botToken,
      bot_user_id: approval.botUserId,
      team: approval.orgWide ? null : team,
      enterprise: approval.orgWide ? { id: 'E0CITY001', name: 'Kaunas' } : null,
      is_enterprise_install: Boolean(approval.orgWide),
    };
  }

  private answerFor(method: string, body: Record<string, any>, token: string, authorization: string | undefined): Record<string, unknown> {
    const workspace = this.workspaces.get(token);
    if (method === 'oauth.v2.access') return this.exchange(body, authorization);
    const profile = method === 'users.info' ? this.profiles.get(String(body.user)) : undefined;
    if (profile) return { ok: true, user: { id: body.user, profile } };
    if (method === 'auth.test' && workspace) {
      return { ok: true, team: workspace.teamName, team_id: workspace.teamId, user_id: workspace.botUserId, bot_id: workspace.botId };
    }
    return this.defaultAnswer(method, body);
  }

  private defaultAnswer(method: string, body: Record<string, any>): Record<string, unknown> {
    const ts = () => `1800000000.${String(++this.sequence).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://daigelis.slack.com/', team: 'Daigelis', user: 'langelis', team_id: 'T0TEST001', user_id: 'UBOT00001', bot_id: 'BBOT00001' };
      case 'chat.postMessage': {
        const message: StoredMessage = { ts: ts(), text: body.text, postedAt: Date.now(), ...(body.thread_ts ? { thread_ts: body.thread_ts } : {}), ...(body.metadata ? { metadata: body.metadata } : {}) };
        this.messages.set(body.channel, [...(this.messages.get(body.channel) ?? []), message]);
        return { ok: true, channel: body.channel, ts: message.ts, message: { text: body.text } };
      }
      case 'conversations.history':
        return this.page(body, (message) => !message.thread_ts);
      case 'conversations.replies':
        return this.page(body, (message) => message.ts === body.ts || message.thread_ts === body.ts);
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts() };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users).slice(1)}` } };
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(++this.sequence).padStart(8, '0')}`;
        return { ok: true, upload_url: `${this.url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = typeof body.files === 'string' ? JSON.parse(body.files) : body.files;
        return { ok: true, files: (files as Array<{ id: string; title?: string }>).map((file) => ({ id: file.id, title: file.title ?? '' })) };
      }
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${++this.sequence}` } };
      default:
        return { ok: true };
    }
  }

  /**
   * History newest first, as Slack gives it: messages since `oldest` (seconds), `limit` per page, a numeric
   * cursor; metadata only with `include_all_metadata`.
   */
  private page(body: Record<string, any>, where: (message: StoredMessage) => boolean): Record<string, unknown> {
    const oldest = body.oldest ? Number(body.oldest) * 1000 : 0;
    const all = (this.messages.get(body.channel) ?? []).filter((message) => where(message) && message.postedAt >= oldest).reverse();
    const start = Number(body.cursor || 0);
    const limit = Number(body.limit || 100);
    const withMetadata = String(body.include_all_metadata) === 'true';
    const messages = all.slice(start, start + limit).map(({ postedAt: _postedAt, metadata, ...message }) => ({ type: 'message', bot_id: 'BBOT00001', ...message, ...(withMetadata && metadata ? { metadata } : {}) }));
    const next = start + limit < all.length ? String(start + limit) : '';
    return { ok: true, messages, has_more: next !== '', response_metadata: { next_cursor: next } };
  }
}

function parseBody(raw: string, contentType: string): Record<string, any> {
  let body: Record<string, any>;
  if (contentType.includes('application/json')) body = raw ? JSON.parse(raw) : {};
  else body = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'view', 'attachments', 'metadata', 'files']) {
    if (typeof body[key] === 'string') body[key] = JSON.parse(body[key]);
  }
  return body;
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
