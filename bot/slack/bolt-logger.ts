import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../server/logger.ts';

/** Bolt's own log lines (warnings on unmatched requests, web API retries) into our pino log. */
export function createBoltLogger(log: Logger): BoltLogger {
  const line = (parts: unknown[]) =>
    parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  return {
    debug: (...parts: unknown[]) => log.debug(line(parts)),
    info: (...parts: unknown[]) => log.info(line(parts)),
    warn: (...parts: unknown[]) => log.warn(line(parts)),
    error: (...parts: unknown[]) => log.error(line(parts)),
    // pino's level decides what is written; Bolt asks only to skip work for debug lines.
    setLevel: () => undefined,
    getLevel: () => (log.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => undefined,
  };
}
