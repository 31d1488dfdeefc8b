import { ConfigError, type Config } from './config.js';
import { DatabaseUnreachableError } from './persistence/connection-errors.js';
import { EmbeddedServerError } from './persistence/embedded-database.js';

/** A start failure a person can act on: the message is one sentence naming the cause and the fix. */
export class StartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartError';
  }
}

/** The HTTP server could not bind PORT on HOST. */
export function listenFailure(config: Pick<Config, 'PORT' | 'HOST'>, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${config.HOST}:${config.PORT}`;
  if (code === 'EADDRINUSE') {
    return new StartError(`Port ${config.PORT} on ${config.HOST} is taken by another program (is Langelis already running?): stop it, or set PORT to a free port.`, { cause: error });
  }
  if (code === 'EACCES') {
    return new StartError(`This user may not listen on ${where} (ports below 1024 need privileges): set PORT to 1024 or above.`, { cause: error });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new StartError(`HOST ${config.HOST} is not an address of this machine: set HOST to 0.0.0.0 (all addresses) or 127.0.0.1.`, { cause: error });
  }
  return error instanceof Error ? error : new StartError(String(error));
}

/**
 * The line `npm start` prints when it cannot start. Known causes are already worded for an operator; anything
 * else is a defect, so its stack follows for the report.
 */
export function describeStartFailure(error: unknown): string {
  if (error instanceof ConfigError) return `Langelis failed to start: ${error.message}`;
  if (error instanceof StartError || error instanceof EmbeddedServerError || error instanceof DatabaseUnreachableError) {
    return `Langelis failed to start: ${error.message}`;
  }
  if (error instanceof Error) return `Langelis failed to start: ${error.message} (unexpected; please report it with the details below)\n${error.stack ?? ''}`;
  return `Langelis failed to start: an unexpected failure without details (${String(error)}); please report it.`;
}
