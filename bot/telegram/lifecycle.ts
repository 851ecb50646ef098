import type { Logger } from '../../server/logger.ts';
import type { Command } from '../core/command.ts';
import { apiSignal, publishCommandMenus } from './commands-menu.ts';
import type { TelegramBot } from './create-bot.ts';

export interface TelegramRun {
  /** Stops polling, waits for updates in progress and the start-up calls; then the database may close. */
  stop(): Promise<void>;
}

/** Start-up calls (getMe, setMyCommands) give up after this long: the server must not wait on Telegram. */
const SETUP_TIMEOUT_MS = 10_000;
/** stop() confirms the last polled update to Telegram; an unreachable Telegram must not hold the exit. */
const STOP_TIMEOUT_MS = 3_000;

/**
 * Starts the bot beside the HTTP server. In both modes getMe and the command menus are fetched
 * and published in the background, a failure only logged: a bot must start even while
 * Telegram is briefly unreachable (a webhook update retries getMe itself). In polling mode
 * grammY deletes any webhook and long-polls; it retries until Telegram answers.
 */
export function startTelegram(
  bot: TelegramBot,
  commands: readonly Command[],
  options: { mode: 'webhook' | 'polling'; logger: Logger },
): TelegramRun {
  const log = options.logger.child({ platform: 'telegram' });
  const stopped = new AbortController();
  // Each start-up call gets its own deadline (polling may reach Telegram only much later), and stop() ends them all.
  const deadline = () => apiSignal(AbortSignal.any([stopped.signal, AbortSignal.timeout(SETUP_TIMEOUT_MS)]));
  let stopping = false;

  const publish = () =>
    publishCommandMenus(bot.api, commands, deadline()).then(
      () => log.info('telegram command menus published'),
      (err: unknown) => log.warn({ err }, 'telegram: setMyCommands failed; the menus stay as they were'),
    );
  let published: Promise<void> = Promise.resolve();
  let polling: Promise<void> | undefined;
  if (options.mode === 'polling') {
    const onStart = (me: { username: string }) => {
      log.info({ username: me.username }, 'telegram polling started');
      published = publish();
    };
    polling = bot.start({ onStart }).catch((err: unknown) => {
      if (!stopping) log.error({ err }, 'telegram polling stopped');
    });
  } else {
    published = bot.init(deadline()).then(publish, (err: unknown) => {
      log.warn({ err }, 'telegram: getMe failed at start; will try again on the first update');
    });
  }

  return {
    async stop() {
      stopping = true;
      stopped.abort();
      if (polling) {
        await withTimeout(bot.stop(), STOP_TIMEOUT_MS).catch((err: unknown) => log.warn({ err }, 'telegram: stop failed'));
        // Resolves once the update being handled is done (grammY handles polled updates one by one).
        await withTimeout(polling, STOP_TIMEOUT_MS);
      }
      await published;
      await bot.settle();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
