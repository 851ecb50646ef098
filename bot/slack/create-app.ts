import { App, type AuthorizeResult } from '@slack/bolt';
// Not re-exported by the package's index; the type of the handler `extendedErrorHandler` calls.
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App';
import { createAvailabilityCheck } from '../../db/availability.ts';
import { findPerson } from '../../db/identity.ts';
import type { Core } from '../core/dispatch.ts';
import { t } from '../i18n/index.ts';
import type { SlackAdapter } from './answer.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { registerButtonActions } from './button-actions.ts';
import { registerDirectMessages } from './direct-messages.ts';
import { createDmDirectory } from './dm-directory.ts';
import { registerHomeTab } from './home-tab.ts';
import { FetchReceiver, type KeepAlive } from './receiver.ts';
import { registerReportModal } from './report-listeners.ts';
import { registerSlashCommand } from './slash-command.ts';

export interface SlackAppOptions {
  /** SLACK_BOT_TOKEN (xoxb-…). */
  token: string;
  /** SLACK_SIGNING_SECRET: every request is checked against it. */
  signingSecret: string;
  /** SLACK_API_URL: another Web API address ending in /api/ (a stand-in in tests). */
  apiUrl?: string;
  /** The app's bot ids when known (tests): then auth.test is never called. */
  botId?: string;
  botUserId?: string;
  /** How long a request waits for its ack before an empty 200 (default 2.5 s). */
  ackWithinMs?: number;
  /** How many requests may work at once after their ack (default 4). */
  maxWorking?: number;
  /** The fetch for Slack's Web API and response URLs (Workers need a wrapper, DESIGN.md); the global one by default. */
  fetch?: typeof fetch;
  /** Whether the database can be reached (db/availability.ts; the server shares one with the webhook). */
  databaseUp?: () => Promise<boolean>;
}

/** The Slack app: Bolt behind a fetch receiver, with the listeners of bot/slack. */
export interface SlackApp {
  readonly bolt: App;
  /** One request to `POST /slack/events`. */
  handle(request: Request, keepAlive?: KeepAlive): Promise<Response>;
  /** Asks Slack who the app is (auth.test) now rather than on the first request; never rejects. */
  start(): Promise<void>;
  /** Waits for every request in progress: then the database may close. */
  stop(): Promise<void>;
}

type Identity = { botId?: string; botUserId?: string };

/**
 * The Slack adapter: commands, button presses, the report modal, the App Home and DMs in, the
 * core's answers out. It only translates (who is talking, where, how to render); commands and
 * permissions are the core's.
 */
export function createSlackApp(core: Core, options: SlackAppOptions): SlackApp {
  const log = core.deps.logger.child({ platform: 'slack' });
  const receiver = new FetchReceiver({
    signingSecret: options.signingSecret,
    logger: log,
    ackWithinMs: options.ackWithinMs,
    maxWorking: options.maxWorking,
    databaseUp: options.databaseUp ?? createAvailabilityCheck(core.deps.db),
  });
  // Who the app is, asked once and kept: Bolt's own authorize would ask on every request, or
  // (asked at construction) keep a failure forever if Slack was unreachable at start.
  let identity: Promise<Identity> | undefined =
    options.botId && options.botUserId ? Promise.resolve({ botId: options.botId, botUserId: options.botUserId }) : undefined;
  const whoAmI = (): Promise<Identity> => {
    identity ??= bolt.client.auth.test({ token: options.token }).then(
      (r) => ({ botId: r.bot_id, botUserId: r.user_id }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    );
    return identity;
  };
  const bolt: App = new App({
    receiver,
    authorize: async (): Promise<AuthorizeResult> => ({ botToken: options.token, ...(await whoAmI()) }),
    logger: createBoltLogger(log),
    extendedErrorHandler: true,
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      // Honours Retry-After (Slack's rate limits) a few times, rather than for half an hour.
      retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
      timeout: 10_000,
    },
  });
  const adapter: SlackAdapter = { core, log, dms: createDmDirectory() };
  registerSlashCommand(bolt, adapter);
  registerButtonActions(bolt, adapter);
  registerReportModal(bolt, adapter);
  registerHomeTab(bolt, adapter);
  registerDirectMessages(bolt, adapter);

  bolt.error(async ({ error, body }: ExtendedErrorHandlerArgs) => {
    const b = body as { response_url?: string; user?: { id?: string }; user_id?: string; event_id?: string; trigger_id?: string };
    const cause = (error as { original?: unknown }).original ?? error;
    log.error({ err: cause, event_id: b.event_id, trigger_id: b.trigger_id }, 'slack request failed');
    // A short apology to the person alone, in their language, never the error: the cause is in the log.
    const userId = b.user?.id ?? b.user_id;
    try {
      const person = userId ? await findPerson(core.deps.db, 'slack', userId, core.deps.cache).catch(() => null) : null;
      const text = t(person?.locale ?? core.deps.config.defaultLocale, 'internal_error');
      if (b.response_url) {
        const res = await (options.fetch ?? fetch)(b.response_url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
        });
        await res.arrayBuffer();
      } else if (userId) {
        // A user id as the channel is that person's DM with the app.
        await bolt.client.chat.postMessage({ token: options.token, channel: userId, text });
      }
    } catch (err) {
      log.warn({ err }, 'slack: the apology could not be sent');
    }
  });

  return {
    bolt,
    handle: (request, keepAlive) => receiver.handle(request, keepAlive),
    async start() {
      await whoAmI().then(
        (me) => log.info({ bot_user_id: me.botUserId }, 'slack app identified'),
        (err: unknown) => log.warn({ err }, 'slack: auth.test failed at start; will try again on the first request'),
      );
    },
    stop: () => receiver.settle(),
  };
}
