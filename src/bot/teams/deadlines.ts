import { Readable } from 'node:stream';
import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';

/*
 * Deadlines for everything botbuilder sends on the adapter's behalf: a Bot Connector that accepts connections and
 * never answers must not hold a turn (and Teams' HTTP request) forever.
 *
 * - Bot Connector (and token service) REST calls: botbuilder builds every ConnectorClient from the
 *   `connectorClientOptions` given to ConfigurationBotFrameworkAuthentication. Its ConnectorFactory replaces any
 *   `requestPolicyFactories` in them, but passes `httpClient` through to the client's pipeline as its transport.
 *   So the transport is ours: global fetch with a timer, for turn replies, updates, roster reads and the
 *   notifier's calls alike.
 * - The Microsoft login (token fetch, when an app id is set) runs inside MSAL with its own HTTP client, which has
 *   no timeout and cannot be given one through botbuilder. The credentials botbuilder signs requests with are
 *   wrapped so that signing gives up after its deadline; a later request starts a fresh login.
 * - Checking an incoming request (the OpenID metadata and keys botbuilder fetches to verify a JWT) gets the same
 *   deadline as a login.
 */

export type ConnectorClientOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;
export type ConnectorHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type WebResource = Parameters<ConnectorHttpClient['sendRequest']>[0];
type CompatResponse = Awaited<ReturnType<ConnectorHttpClient['sendRequest']>>;
type HeadersLike = CompatResponse['headers'];
type FactoryOptions = ConstructorParameters<typeof ConfigurationServiceClientCredentialFactory>[0];
type Credentials = Awaited<ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']>>;

/**
 * A request (or login step) that got no answer in time. Named like the platform's own timeouts, so health reports
 * it as `timeout`; it carries neither request nor response, so nothing of the payload reaches a log, and the SDK
 * does not retry it (the outbox, or Teams, does).
 */
export class DeadlineExceededError extends Error {
  constructor(what: string, readonly timeoutMs: number) {
    super(`${what}: no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** Settles like `work`, or rejects with DeadlineExceededError after `timeoutMs` (the work itself goes on unheard). */
export async function withDeadline<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(what, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A connection-level failure, shaped as the SDK's own transport sends it (so it retries the same ones: ECONNREFUSED …). */
class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly request: WebResource,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

// Headers fetch manages itself (and refuses some of).
const MANAGED_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length', 'host']);

/**
 * The HTTP transport of every ConnectorClient the adapter makes: each request is abandoned after `timeoutMs`
 * (or the request's own `timeout`, if shorter), including reading the answer's body.
 */
export function deadlineHttpClient(timeoutMs: number): ConnectorHttpClient {
  return {
    async sendRequest(request: WebResource): Promise<CompatResponse> {
      const deadline = request.timeout > 0 ? Math.min(request.timeout, timeoutMs) : timeoutMs;
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, deadline);
      const caller = request.abortSignal;
      const onAbort = () => controller.abort();
      caller?.addEventListener('abort', onAbort);
      try {
        if (caller?.aborted) throw abortError();
        const headers = new Headers();
        for (const { name, value } of request.headers.headersArray()) if (!MANAGED_HEADERS.has(name.toLowerCase())) headers.append(name, value);
        const response = await fetch(request.url, { method: request.method, headers, body: requestBody(request), signal: controller.signal });
        const answer: CompatResponse = { request, status: response.status, headers: new ResponseHeaders(response.headers) };
        if (request.streamResponseStatusCodes?.has(response.status) && response.body) {
          // The caller reads the stream itself; the timer stops at the headers.
          answer.readableStreamBody = Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]);
        } else {
          answer.bodyAsText = await response.text();
        }
        return answer;
      } catch (error) {
        if (timedOut) throw new DeadlineExceededError(`Bot Connector ${request.method} request`, deadline);
        if (caller?.aborted) throw abortError();
        const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
        const code = typeof cause?.code === 'string' ? cause.code : 'REQUEST_SEND_ERROR';
        throw new TransportError(typeof cause?.message === 'string' ? cause.message : (error as Error).message, code, request);
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener('abort', onAbort);
      }
    },
  };
}

function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

function requestBody(request: WebResource): BodyInit | undefined {
  if (request.formData !== undefined && request.formData !== null) throw new Error('Bot Connector transport: form data is not supported');
  const body: unknown = request.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof ArrayBuffer || body instanceof Blob || body instanceof URLSearchParams) return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  throw new Error('Bot Connector transport: unsupported request body');
}

/** The answer's headers in the shape the SDK's compatibility layer reads. */
class ResponseHeaders implements HeadersLike {
  private readonly entries = new Map<string, { name: string; value: string }>();

  constructor(from?: Iterable<[string, string]>) {
    for (const [name, value] of from ?? []) this.set(name, value);
  }

  set(name: string, value: string | number): void {
    this.entries.set(name.toLowerCase(), { name, value: String(value) });
  }

  get(name: string): string | undefined {
    return this.entries.get(name.toLowerCase())?.value;
  }

  contains(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  remove(name: string): boolean {
    return this.entries.delete(name.toLowerCase());
  }

  rawHeaders(): Record<string, string> {
    return this.toJson();
  }

  headersArray(): Array<{ name: string; value: string }> {
    return [...this.entries.values()].map((entry) => ({ ...entry }));
  }

  headerNames(): string[] {
    return [...this.entries.values()].map((entry) => entry.name);
  }

  headerValues(): string[] {
    return [...this.entries.values()].map((entry) => entry.value);
  }

  clone(): ResponseHeaders {
    return new ResponseHeaders(this.headersArray().map(({ name, value }) => [name, value] as [string, string]));
  }

  toJson(options: { preserveCase?: boolean } = {}): Record<string, string> {
    const json: Record<string, string> = {};
    for (const [key, { name, value }] of this.entries) json[options.preserveCase ? name : key] = value;
    return json;
  }
}

/** Credentials whose request signing (the token fetch, on a cache miss) gives up after `timeoutMs`. */
export function withSigningDeadline(credentials: Credentials, timeoutMs: number): Credentials {
  // A view of the SDK's credentials object, so its other members (app id, scope …) stay as they are.
  const timed = Object.create(credentials) as Credentials;
  timed.signRequest = (resource) => withDeadline(credentials.signRequest(resource), timeoutMs, 'Microsoft login');
  return timed;
}

/** The configuration-driven credential factory of botbuilder, with the login deadline on what it creates. */
export class DeadlineCredentialFactory extends ConfigurationServiceClientCredentialFactory {
  constructor(
    options: FactoryOptions,
    private readonly loginTimeoutMs: number,
  ) {
    super(options);
  }

  override async createCredentials(appId: string, audience: string, loginEndpoint: string, validateAuthority: boolean): Promise<Credentials> {
    return withSigningDeadline(await super.createCredentials(appId, audience, loginEndpoint, validateAuthority), this.loginTimeoutMs);
  }
}

type AuthenticationOptions = ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0];

/**
 * botbuilder's configuration-driven authentication with every outbound request under a deadline: connector
 * clients get the deadline transport, credentials the login deadline, and checking an incoming request (which may
 * fetch Microsoft's OpenID metadata and signing keys) the login deadline too.
 */
export class DeadlineBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly loginTimeoutMs: number;

  /**
   * @param requestTimeoutMs the deadline of one HTTP request.
   * A login or a JWT check may make two requests in a row (metadata, then token or keys): it gets twice as long.
   */
  constructor(options: AuthenticationOptions, requestTimeoutMs: number) {
    const loginTimeoutMs = 2 * requestTimeoutMs;
    super(options, new DeadlineCredentialFactory(options ?? {}, loginTimeoutMs), undefined, undefined, { httpClient: deadlineHttpClient(requestTimeoutMs) });
    this.loginTimeoutMs = loginTimeoutMs;
  }

  override authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    return withDeadline(super.authenticateRequest(...args), this.loginTimeoutMs, 'Bot Framework authentication');
  }
}
