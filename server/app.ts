import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { SlackApp } from '../bot/slack/create-app.ts';
import type { TelegramBot } from '../bot/telegram/create-bot.ts';
import { createAvailabilityCheck } from '../db/availability.ts';
import type { Deps } from './deps.ts';
import type { AppEnv } from './http/app-env.ts';
import { createErrorHandler, createNotFoundHandler } from './http/error-boundary.ts';
import { logRequests } from './http/request-log.ts';
import { createApiRoutes } from './routes/api.ts';
import { createHealthRoutes } from './routes/health.ts';
import { createSlackRoutes } from './routes/slack.ts';
import { createTelegramRoutes } from './routes/telegram.ts';
import { notFoundPage, wantsPage } from './web/page-guards.tsx';
import { createWebRoutes } from './web/web-routes.ts';

export interface AppOptions {
  /** Largest CSV body `POST /api/import/:kind` accepts (default 100 MB: a province's whole caseload). */
  maxImportBytes?: number;
  /** The bot behind `POST /telegram/webhook`, mounted when Telegram is configured in webhook mode. */
  telegramBot?: TelegramBot;
  /** The Slack app behind `POST /slack/events`, mounted when Slack is configured. */
  slackApp?: SlackApp;
  /**
   * Whether the database can be reached (db/availability.ts): the server makes one and gives it
   * to the Slack app too, so that both platforms share one ping; a check of its own otherwise.
   */
  databaseUp?: () => Promise<boolean>;
  /** How long a webhook answer waits for the update's handling (server/routes/telegram.ts); Workers answer at once (0). */
  telegramAnswerWithinMs?: number;
}

const DEFAULT_MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** The HTTP app, the same on Node and on Workers: health, the admin API, the Telegram webhook, Slack's requests, the web pages. */
export function createApp(deps: Deps, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(logRequests(deps.logger));
  app.onError(createErrorHandler(deps.logger, deps.config.defaultLocale));
  const notFound = createNotFoundHandler(deps.config.defaultLocale);
  app.notFound((c) => (wantsPage(c) ? notFoundPage(c, deps) : notFound(c)));

  app.route('/', createHealthRoutes(deps));
  app.route('/api', createApiRoutes(deps, { maxImportBytes: options.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES }));
  const telegram = deps.config.telegram;
  if (options.telegramBot && telegram?.mode === 'webhook' && telegram.webhookSecret) {
    const databaseUp = options.databaseUp ?? createAvailabilityCheck(deps.db);
    app.route('/telegram', createTelegramRoutes(options.telegramBot, { secret: telegram.webhookSecret, databaseUp, answerWithinMs: options.telegramAnswerWithinMs }));
  }
  if (options.slackApp) app.route('/slack', createSlackRoutes(options.slackApp));
  app.route('/', createWebRoutes(deps));
  return app;
}
