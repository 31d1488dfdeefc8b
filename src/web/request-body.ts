import type http from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a form-encoded or JSON body of at most `limit` bytes into plain fields. */
export async function readFields(request: http.IncomingMessage, limit: number): Promise<{ fields: Record<string, unknown>; json: boolean }> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const json = (request.headers['content-type'] ?? '').startsWith('application/json');
  if (json) {
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    return { fields: typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}, json };
  }
  return { fields: Object.fromEntries(new URLSearchParams(text)), json };
}
