import pino, { type Logger } from 'pino';

/** Structured JSON logs on stderr, so stdout stays free for CLI output and JSON. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'thads-bot' } }, pino.destination(2));
}
