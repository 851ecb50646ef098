import pino from 'pino';
import { pngCharts } from '../../bot/charts/png-charts.ts';
import type { DbHandle } from '../../db/client.ts';
import { createCalendar } from '../../db/calendar.ts';
import { createResultCache } from '../../db/result-cache.ts';
import { type Env, parseConfig } from '../../server/config.ts';
import type { Deps } from '../../server/deps.ts';
import { platformSenders } from '../../server/platforms.ts';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A fixed instant: 23 November 2026, 10:00 in Ha Noi (work year 2027). */
export const TEST_NOW = new Date('2026-11-23T03:00:00Z');

export interface TestDeps {
  deps: Deps;
  /** Every log line the app wrote, parsed: tests check what is (and is not) logged. */
  logs: Record<string, unknown>[];
}

/** Deps as the entry builds them, over a test database, with captured logs and a fixed clock. */
export function createTestDeps(handle: DbHandle, env: Env = {}, now: () => Date = () => TEST_NOW): TestDeps {
  const config = parseConfig({ ADMIN_TOKEN: TEST_ADMIN_TOKEN, PGLITE_DIR: 'memory://', ...env } as Record<string, string | undefined>);
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const deps: Deps = {
    config,
    db: handle.db,
    dbHandle: handle,
    numbers: { calendar: createCalendar(config.calendar), rules: config.overdueRules },
    cache: createResultCache({ keep: handle.driver === 'pglite' }),
    logger,
    now,
    senders: platformSenders(config),
    charts: pngCharts,
  };
  return { deps, logs };
}

/** Headers of an admin API call with the right token. */
export function adminHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...extra };
}
