import type { Logger } from './logger.ts';
import { pngCharts } from '../bot/charts/png-charts.ts';
import type { ChartRenderer } from '../bot/charts/renderer.ts';
import { createCalendar } from '../db/calendar.ts';
import { createDb, type Db, type DbHandle } from '../db/client.ts';
import type { NumbersOptions } from '../db/numbers/options.ts';
import type { SenderFactory } from '../jobs/senders/index.ts';
import { createResultCache, type ResultCache } from '../db/result-cache.ts';
import type { Config } from './config.ts';
import { platformSenders } from './platforms.ts';

/** What every entry point (HTTP server, CLI, later the bots and jobs) works with. */
export interface Deps {
  config: Config;
  db: Db;
  dbHandle: DbHandle;
  numbers: NumbersOptions;
  /** What is kept or shared of this database's results; every writer tells it what it changed. */
  cache: ResultCache;
  logger: Logger;
  /** The clock, injected so that tests and `--now` can set it. */
  now: () => Date;
  /** The senders of the chat platforms configured (server/platforms.ts). */
  senders: SenderFactory;
  /** Draws the charts (ECharts + resvg on Node); absent on Workers, where chart addresses answer 404. */
  charts?: ChartRenderer;
}

export interface DepsOptions {
  /**
   * The CLI and the console: when a running server holds the embedded database, use it through
   * the server's socket (db/pglite-share.ts) rather than be refused. Never for a server.
   */
  throughRunningServer?: boolean;
}

export async function createDeps(config: Config, logger: Logger, now: () => Date = () => new Date(), options: DepsOptions = {}): Promise<Deps> {
  const dbHandle = await createDb({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir, throughRunningServer: options.throughRunningServer });
  return {
    config,
    db: dbHandle.db,
    dbHandle,
    numbers: { calendar: createCalendar(config.calendar), rules: config.overdueRules },
    // Kept only on PGlite: this process is its directory's one writer (db/pglite-lock.ts), so
    // the writes it announces are all the writes there are; its socket's clients (the CLI) are
    // announced by the socket after each of their exchanges (db/pglite-sessions.ts). The
    // migrations run on open, above, come before the cache exists and so before anything could be kept.
    cache: createResultCache({ keep: dbHandle.driver === 'pglite' }),
    logger,
    now,
    senders: platformSenders(config),
    charts: pngCharts,
  };
}
