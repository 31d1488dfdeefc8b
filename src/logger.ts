import { pino, type Logger as PinoLogger } from 'pino';

/** Structured log lines; never put a client's personal data in them (ids and registry numbers only). */
export type Logger = PinoLogger;

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'langelis' } });
}
