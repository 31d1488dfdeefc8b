import type http from 'node:http';

/** What the chat endpoints accept: Slack and Bot Framework payloads are far smaller; 1 MB leaves room. */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * Past the limit we keep reading and throwing away, so the client has finished sending when the 413 goes out
 * and reads it instead of a connection reset. Beyond this much we stop being polite and close.
 */
const MAX_DISCARD_BYTES = 16 * 1024 * 1024;

/** A request whose answer is a 4xx: the server answers `status` with `{ error: code }` and never a 5xx. */
export class RequestRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message = code,
  ) {
    super(message);
    this.name = 'RequestRefusedError';
  }
}

/** The body is over the limit. `drained`: the rest was read, so the connection can close without a reset. */
export class BodyTooLargeError extends RequestRefusedError {
  constructor(
    readonly limit: number,
    readonly drained: boolean,
  ) {
    super(413, 'too_large', `request body over ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The client went away before its body arrived: there is nobody to answer. */
export class ClientGoneError extends Error {
  constructor(cause: unknown) {
    super('client closed the request before its body arrived', { cause });
    this.name = 'ClientGoneError';
  }
}

/**
 * Reads the whole body, at most `limit` bytes. Over the limit it rejects with BodyTooLargeError, after reading
 * and discarding the rest (up to a bound); a declared Content-Length beyond that bound is refused unread.
 */
export function readBody(request: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_DISCARD_BYTES) return Promise.reject(new BodyTooLargeError(limit, false));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: Error) => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      // Paused, not destroyed: the 413 still has to go out on this socket before it closes.
      request.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > MAX_DISCARD_BYTES) stop(new BodyTooLargeError(limit, false));
    };
    const onEnd = () => {
      request.off('close', onClose);
      if (size > limit) reject(new BodyTooLargeError(limit, true));
      else resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => stop(new ClientGoneError(error));
    // 'close' before 'end': the client hung up mid-body.
    const onClose = () => stop(new ClientGoneError(new Error('closed')));
    request.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** Parses JSON without throwing: `undefined` when the text is not JSON at all. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
