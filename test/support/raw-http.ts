import http from 'node:http';

/** What came back on the wire: a status and body, or the socket error that came instead (a reset, a hang-up). */
export interface RawAnswer {
  status: number | null;
  body: string;
  socketError: string | null;
  /** The server said it would close the connection after this answer. */
  closes: boolean;
}

/**
 * POSTs exact bytes with exact headers over a fresh connection, as a misbehaving client would; never throws, so
 * a reset shows up as `socketError` for the test to see.
 */
export function rawPost(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-length': String(bytes.length), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8'), socketError: null, closes: response.headers.connection === 'close' }),
      );
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ status: response.statusCode ?? null, body: '', socketError: error.code ?? error.message, closes: false }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, body: '', socketError: error.code ?? error.message, closes: false }));
    request.end(bytes);
  });
}

/** A small deterministic generator (a linear congruential one), so a fuzz run is the same run every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** Collects unhandled rejections while a suite runs: a request must never produce one. */
export function watchUnhandledRejections(): { seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const record = (reason: unknown) => void seen.push(reason);
  process.on('unhandledRejection', record);
  return { seen, stop: () => void process.off('unhandledRejection', record) };
}
