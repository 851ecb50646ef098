/**
 * Deps on Cloudflare Workers, built for each request or trigger: postgres.js over one connection
 * (Hyperdrive pools them), the holiday table instead of date-holidays, JSON logs through
 * console, no charts. Nothing here may import PGlite, bree or node:fs (the bundle must stay small
 * and workerd has no disk).
 */
import { tablePublicHolidays } from '../db/holiday-table.ts';
import { openRequestDb } from '../db/postgres.ts';
import { createResultCache } from '../db/result-cache.ts';
import { createWorkingDays } from '../db/working-days.ts';
import { type Config, ConfigError, parseConfig } from './config.ts';
import { createConsoleLogger } from './console-logger.ts';
import type { Deps } from './deps.ts';
import { platformSenders } from './platforms.ts';

/** What wrangler.toml and `wrangler secret put` give the Worker. */
export interface WorkerEnv {
  /** The `[[hyperdrive]]` binding: PostgreSQL through Cloudflare's pool. */
  HYPERDRIVE?: { connectionString: string };
  [name: string]: unknown;
}

const configs = new WeakMap<object, Config>();

/**
 * The config of this Worker's environment (vars and secrets, as on Node), parsed once per isolate.
 * DATABASE_URL is Hyperdrive's connection string when bound, the secret otherwise.
 */
export function workerConfig(env: WorkerEnv): Config {
  let config = configs.get(env);
  if (!config) {
    const strings: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(env)) if (typeof value === 'string') strings[name] = value;
    strings.DATABASE_URL = env.HYPERDRIVE?.connectionString ?? strings.DATABASE_URL;
    if (!strings.DATABASE_URL) {
      throw new ConfigError('DATABASE_URL: Workers have no embedded database; bind Hyperdrive (HYPERDRIVE) or `wrangler secret put DATABASE_URL`');
    }
    config = parseConfig(strings);
    configs.set(env, config);
  }
  return config;
}

/** One request's (or trigger's) deps; its database connection is never ended (db/postgres.ts). */
export function createWorkerDeps(config: Config, now: () => Date = () => new Date()): Deps {
  const db = openRequestDb(config.databaseUrl!);
  return {
    config,
    db,
    dbHandle: { db, driver: 'postgres', isNew: false, close: async () => {} },
    numbers: { calendar: createWorkingDays(tablePublicHolidays, config.calendar), rules: config.overdueRules },
    // Several isolates write at once: nothing may be kept.
    cache: createResultCache({ keep: false }),
    logger: createConsoleLogger(config.logLevel),
    now,
    senders: platformSenders(config),
  };
}
