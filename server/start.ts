import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from './logger.ts';
import { commands } from '../bot/commands/index.ts';
import { createSlackApp } from '../bot/slack/create-app.ts';
import { createTelegramBot } from '../bot/telegram/create-bot.ts';
import { startTelegram } from '../bot/telegram/lifecycle.ts';
import { createAvailabilityCheck } from '../db/availability.ts';
import { CronError } from '../jobs/schedule.ts';
import { scheduledJobs } from '../jobs/schedule-jobs.ts';
import { createScheduler, type Scheduler } from '../jobs/scheduler.ts';
import { createApp } from './app.ts';
import { describeStartup } from './banner.ts';
import { parseConfig } from './config.ts';
import { createDeps, type Deps } from './deps.ts';
import { type DemoCounts, seedDemoIfWanted } from './demo-seed.ts';
import { createLogger } from './logger.ts';

/** A start-up failure the operator can fix from its message alone (port taken…): no stack needed. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface StartOptions {
  env: Record<string, string | undefined>;
  now?: () => Date;
  /** Defaults to JSON logs on stderr at LOG_LEVEL. */
  logger?: Logger;
  /** Human progress lines before the banner (the demo load takes a few seconds). */
  announce?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  deps: Deps;
  demo: DemoCounts | undefined;
  /** The start-up text for people: where it listens and how to talk to it. */
  banner: string;
  /** Stops accepting, lets requests in flight finish (5 s at most), stops the bots, closes the database. */
  stop(): Promise<void>;
}

/**
 * Everything `npm start` does short of touching `process`: config → deps → demo → app → listening
 * server. Throws ConfigError, DatabaseInUseError or StartupError for the entry to print.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const config = parseConfig(options.env);
  const logger = options.logger ?? createLogger(config.logLevel);
  const deps = await createDeps(config, logger, options.now);
  let server: Server | undefined;
  try {
    // Before the demo load: a CLI started meanwhile waits for its turn rather than being refused.
    const sharedAt = await shareWithLocalClients(deps);
    const demo = await seedDemoIfWanted(deps, options.announce);
    // One ping of the database for both chat platforms' requests (a burst costs one select 1).
    const databaseUp = createAvailabilityCheck(deps.db);
    const tg = config.telegram;
    const telegramBot = tg ? createTelegramBot({ deps, commands }, { token: tg.token, apiRoot: tg.apiRoot }) : undefined;
    const sl = config.slack;
    const slackApp = sl ? createSlackApp({ deps, commands }, { token: sl.token, signingSecret: sl.signingSecret, apiUrl: sl.apiUrl, databaseUp }) : undefined;
    // Schedules are checked before listening: a bad JOB_SCHEDULES stops the start with its reason.
    const scheduler = config.jobs.enabled ? createJobScheduler(deps) : undefined;
    server = createServer(getRequestListener(createApp(deps, { telegramBot, slackApp, databaseUp }).fetch));
    const port = await listen(server, config.port, config.host);
    // Only once listening: a start that fails (port taken) must leave no poller behind.
    const telegram = telegramBot && tg ? startTelegram(telegramBot, commands, { mode: tg.mode, logger }) : undefined;
    // Who the Slack app is, asked in the background: a start must not wait on Slack.
    void slackApp?.start();
    await scheduler?.start();
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    // PORT=0 without PUBLIC_URL: the default address names the port only now known (links, Origin checks).
    if (config.port === 0 && !options.env.PUBLIC_URL?.trim()) config.publicUrl = url;
    logger.info({ url, driver: deps.dbHandle.driver }, 'listening');
    const banner = describeStartup({ config, url, dbIsNew: deps.dbHandle.isNew, demo, sharedAt });
    const listening = server;
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= closeServer(listening)
        .then(() => telegram?.stop())
        .then(() => slackApp?.stop())
        // Before the database closes: a job run or a drain in progress finishes first.
        .finally(() => scheduler?.stop())
        .finally(() => deps.dbHandle.close());
      return stopping;
    };
    return { url, port, deps, demo, banner, stop };
  } catch (error) {
    if (server?.listening) await closeServer(server);
    await deps.dbHandle.close();
    throw error;
  }
}

/**
 * The embedded database on disk, served to the CLI and the console through a socket beside it
 * (closed with the database). Returns the socket's path; a failure costs them only that (they
 * are refused, as before), never the start.
 */
async function shareWithLocalClients(deps: Deps): Promise<string | undefined> {
  try {
    return (await deps.dbHandle.shareWithLocalClients?.(deps.cache))?.socketPath;
  } catch (error) {
    deps.logger.warn({ err: error }, 'cannot serve the embedded database to the CLI and the console');
    return undefined;
  }
}

function createJobScheduler(deps: Deps): Scheduler {
  try {
    return createScheduler(deps, { jobs: scheduledJobs });
  } catch (error) {
    if (error instanceof CronError) throw new StartupError(error.message);
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? ' is already in use: stop what uses it or set PORT' : ` cannot be used (${error.code})`;
      reject(new StartupError(`${host}:${port}${hint}.`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

// Keep-alive connections would hold close() open forever: idle ones go now, busy ones get 5 s.
const DRAIN_MS = 5_000;

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
