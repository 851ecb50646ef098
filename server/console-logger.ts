import type { LogFn, Logger } from './logger.ts';

// pino's numbers, so that Workers' lines read like Node's in a log search.
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
type Level = keyof typeof LEVELS;

/**
 * The Workers logger: one JSON line per call through console (what Workers Logs and
 * `wrangler tail` collect), in pino's shape (level, time, msg, fields, err as message and stack).
 */
export function createConsoleLogger(level: string, fields: Record<string, unknown> = { app: 'thads-bot' }): Logger {
  const threshold = LEVELS[level as Level] ?? LEVELS.info;
  const write =
    (name: Level): LogFn =>
    (first: object | string, message?: string) => {
      if (LEVELS[name] < threshold) return;
      const given = typeof first === 'string' ? { msg: first } : { ...serialize(first), ...(message === undefined ? {} : { msg: message }) };
      const line = JSON.stringify({ level: LEVELS[name], time: Date.now(), ...fields, ...given });
      if (LEVELS[name] >= LEVELS.error) console.error(line);
      else if (LEVELS[name] >= LEVELS.warn) console.warn(line);
      else console.log(line);
    };
  return {
    fatal: write('fatal'),
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    trace: write('trace'),
    child: (more) => createConsoleLogger(level, { ...fields, ...more }),
    isLevelEnabled: (name) => (LEVELS[name as Level] ?? 0) >= threshold,
  };
}

/** Errors as pino writes them: JSON.stringify would make `{}` of one. */
function serialize(fields: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}
