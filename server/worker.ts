/**
 * The Cloudflare Workers entry (wrangler.toml): the same Hono app as Node over `fetch`, and the
 * jobs from one frequent Cron Trigger over `scheduled`. Like server/node.ts it is the only place
 * that reads the environment; unlike it, everything is built for each request or trigger (a
 * Worker's I/O, such as a database socket, cannot outlive the request that opened it).
 */
import type { ExecutionContext } from 'hono';
import { commands } from '../bot/commands/index.ts';
import { createSlackApp } from '../bot/slack/create-app.ts';
import { workerFetch } from '../bot/slack/worker-fetch.ts';
import { createTelegramBot, type TelegramBot } from '../bot/telegram/create-bot.ts';
import { createAvailabilityCheck } from '../db/availability.ts';
import { runCronTick } from '../jobs/cron-tick.ts';
import { scheduledJobs } from '../jobs/schedule-jobs.ts';
import { createDelivery } from '../jobs/senders/index.ts';
import { createApp } from './app.ts';
import { createConsoleLogger } from './console-logger.ts';
import { createWorkerDeps, workerConfig, type WorkerEnv } from './worker-deps.ts';

// The part of Workers' ScheduledController used here (no @cloudflare/workers-types in the project).
interface ScheduledController {
  scheduledTime: number;
  cron: string;
}

// How long a trigger drains the outbox before leaving the rest to the next one: well inside
// the one-minute trigger, so that invocations seldom overlap (they may: see jobs/cron-tick.ts).
const DEFAULT_DRAIN_SECONDS = 25;

// Kept for the isolate's life: who the Telegram bot is (saves a getMe per update).
let telegramBotInfo: TelegramBot['botInfo'] | undefined;
let lastTelegramBot: TelegramBot | undefined;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const deps = createWorkerDeps(workerConfig(env));
    const { config } = deps;
    if (!telegramBotInfo && lastTelegramBot?.isInited()) telegramBotInfo = lastTelegramBot.botInfo;
    const databaseUp = createAvailabilityCheck(deps.db);
    const tg = config.telegram;
    const telegramBot = tg ? createTelegramBot({ deps, commands }, { token: tg.token, apiRoot: tg.apiRoot, botInfo: telegramBotInfo }) : undefined;
    lastTelegramBot = telegramBot;
    const sl = config.slack;
    const slackApp = sl
      ? createSlackApp(
          { deps, commands },
          {
            token: sl.token,
            signingSecret: sl.signingSecret,
            apiUrl: sl.apiUrl,
            fetch: workerFetch,
            databaseUp,
            // Given, Bolt never asks auth.test: without them, each request asks once.
            botId: text(env.SLACK_BOT_ID),
            botUserId: text(env.SLACK_BOT_USER_ID),
          },
        )
      : undefined;
    // The update is answered at once; its handling goes on in waitUntil (server/routes/telegram.ts).
    const app = createApp(deps, { telegramBot, slackApp, databaseUp, telegramAnswerWithinMs: 0 });
    return app.fetch(request, env, ctx);
  },

  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    let deps;
    let drainSeconds;
    try {
      deps = createWorkerDeps(workerConfig(env));
      drainSeconds = readDrainSeconds(env.WORKER_DRAIN_SECONDS);
    } catch (error) {
      createConsoleLogger('info').error({ err: error }, 'cron trigger: cannot start');
      throw error;
    }
    const tick = runCronTick(deps, {
      jobs: scheduledJobs,
      delivery: createDelivery(deps),
      at: new Date(controller.scheduledTime),
      drainUntil: Date.now() + drainSeconds * 1000,
    });
    ctx.waitUntil(tick);
    await tick;
  },
};

/** WORKER_DRAIN_SECONDS, checked as parseConfig checks Node's variables: a bad value names itself. */
function readDrainSeconds(value: unknown): number {
  const given = text(value);
  if (given === undefined) return DEFAULT_DRAIN_SECONDS;
  const seconds = Number(given);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 900) {
    throw new Error(`WORKER_DRAIN_SECONDS: expected a number of seconds between 1 and 900, got "${given.slice(0, 40)}"`);
  }
  return seconds;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
