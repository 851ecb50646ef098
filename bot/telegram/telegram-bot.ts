import { Bot, type BotConfig, BotError, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../server/logger.ts';
import { DatabaseUnavailableError } from '../../db/unreachable.ts';

/** An update as the Bot API sends it: the webhook route (server/routes/telegram.ts) reads no more than its id. */
export type TelegramUpdate = Update;

/**
 * How one webhook update ended: handled (answered, ignored, or apologised for), or refused
 * because its claim could not reach the database (nothing recorded: Telegram may resend it).
 */
export type ReceiveOutcome = 'handled' | 'database_unavailable';

export interface ReceiveOptions {
  /**
   * Whether the update may still be refused, the webhook not having answered yet (default no).
   * Once it has answered 200, Telegram will not resend: the person gets the apology instead.
   */
  mayRefuse?: () => boolean;
}

/** A grammY bot that can also take webhook updates one by one and wait for those in progress. */
export class TelegramBot extends Bot {
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #log: Logger;

  constructor(token: string, config: BotConfig<Context>, log: Logger) {
    super(token, config);
    this.#log = log;
  }

  /**
   * Handles one update from the webhook. Never rejects: failures reach the error boundary
   * (bot.catch) exactly as in polling, where grammY routes them there itself, but for a database
   * out of reach at the claim while the update may still be refused.
   */
  receive(update: Update, options: ReceiveOptions = {}): Promise<ReceiveOutcome> {
    const work: Promise<ReceiveOutcome> = this.#handle(update, options.mayRefuse ?? (() => false)).finally(() => this.#inFlight.delete(work));
    this.#inFlight.add(work);
    return work;
  }

  /** Resolves once every update received so far is handled: call before closing the database. */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async #handle(update: Update, mayRefuse: () => boolean): Promise<ReceiveOutcome> {
    try {
      // Start-up may not have reached Telegram for getMe: try again now rather than drop the update.
      if (!this.isInited()) await this.init();
      await this.handleUpdate(update);
    } catch (error) {
      const cause = error instanceof BotError ? error.error : error;
      if (cause instanceof DatabaseUnavailableError && mayRefuse()) {
        this.#log.warn({ err: cause.cause, update_id: update.update_id }, 'telegram update refused: database unreachable');
        return 'database_unavailable';
      }
      if (error instanceof BotError) await Promise.resolve(this.errorHandler(error)).catch(() => undefined);
      else this.#log.error({ err: error, update_id: update.update_id }, 'telegram update not handled');
    }
    return 'handled';
  }
}
