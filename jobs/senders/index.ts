/**
 * The senders this process has (a platform with no token sends nothing: its rows wait in the
 * outbox), sharing one limiter so that every drain in the process keeps to the same pace.
 */
import type { Logger } from '../../server/logger.ts';
import type { Locale } from '../../bot/i18n/index.ts';
import type { Db } from '../../db/client.ts';
import { type ChatPlatform, chatPlatforms } from '../../db/schema.ts';
import { type Clock, RateLimiter, systemClock } from '../pacing.ts';
import { createSharedPace, type SharedPace } from '../shared-pace.ts';
import { type DrainOptions, type DrainResult, drainOutbox } from './drain.ts';
import type { Sender } from './types.ts';

export interface DeliveryConfig {
  defaultLocale: Locale;
  telegram?: { token: string; apiRoot?: string };
  slack?: { token: string; apiUrl?: string };
}

/** The senders of the platforms configured in this process (server/platforms.ts), over `fetch` when given. */
export type SenderFactory = (options?: { fetch?: typeof fetch }) => Sender<unknown>[];

/** Tuning for tests and benches; defaults suit production. */
export type DrainTuning = Partial<Omit<DrainOptions, 'db' | 'limiter' | 'pace' | 'logger' | 'defaultLocale' | 'clock'>>;

export interface DeliveryService {
  /** Platforms with a sender in this process. */
  platforms: ChatPlatform[];
  /** Platforms whose rows stay in the outbox here (no token configured). */
  unconfigured: ChatPlatform[];
  /** Drains every configured platform at once; results by platform. */
  drainAll(tuning?: DrainTuning): Promise<Partial<Record<ChatPlatform, DrainResult>>>;
}

/**
 * `pace`: the pace shared with other processes in the database; by default on PostgreSQL
 * (`dbHandle.driver`), where other instances may send too, and not on PGlite, whose one process
 * is the only sender. `false`: this process's limiter only.
 */
export function createDelivery(
  deps: { db: Db; logger: Logger; config: Pick<DeliveryConfig, 'defaultLocale'>; senders: SenderFactory; dbHandle?: { driver: 'pglite' | 'postgres' } },
  options: { clock?: Clock; fetch?: typeof fetch; tuning?: DrainTuning; pace?: SharedPace | false } = {},
): DeliveryService {
  const clock = options.clock ?? systemClock;
  const limiter = new RateLimiter(clock);
  const log = deps.logger.child({ component: 'send-pace' });
  const pace =
    options.pace === false
      ? undefined
      : (options.pace ?? (deps.dbHandle?.driver === 'postgres' ? createSharedPace(deps.db, { onError: (err) => log.warn({ err }, 'a send’s place in the shared pace was not given back: it expires') }) : undefined));
  const senders = deps.senders({ fetch: options.fetch });
  const platforms = senders.map((s) => s.platform);
  return {
    platforms,
    unconfigured: chatPlatforms.filter((p) => !platforms.includes(p)),
    async drainAll(tuning = {}) {
      const results = await Promise.all(
        senders.map((sender) =>
          drainOutbox(sender, {
            db: deps.db,
            logger: deps.logger,
            defaultLocale: deps.config.defaultLocale,
            limiter,
            pace,
            clock,
            ...options.tuning,
            ...tuning,
          }).then((result) => [sender.platform, result] as const),
        ),
      );
      return Object.fromEntries(results);
    },
  };
}
