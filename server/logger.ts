import pino from 'pino';

/** One logging call, as pino takes it: fields then a message, or a message alone. */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}

/**
 * The project's logger: the part of pino's interface the code uses, so that Node keeps pino
 * (server/logger.ts) and Workers write JSON lines through console (server/console-logger.ts).
 */
export interface Logger {
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
  /** A logger whose every line also carries `fields` (a job, an update, a request). */
  child(fields: Record<string, unknown>): Logger;
  isLevelEnabled(level: string): boolean;
}

/** Structured JSON logs on stderr, so stdout stays free for CLI output and JSON. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'thads-bot' } }, pino.destination(2));
}
