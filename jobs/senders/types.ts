import type { ChatPlatform } from '../../db/schema.ts';
import type { DeliveryPayload } from '../outbox.ts';
import type { Limit } from '../pacing.ts';

/** What the platform answered to one message, as the drain acts on it. */
export type SendOutcome =
  /** Delivered; the platform's id for it (Telegram message_id, Slack ts). */
  | { kind: 'ok'; externalId: string }
  /** 429: wait this long and send again; not a failed try. */
  | { kind: 'rate-limited'; retryAfterMs: number; reason: string }
  /** 5xx or no answer: try again later, with back-off, a bounded number of times. */
  | { kind: 'retry'; reason: string }
  /** Refused for good (a malformed message): no further tries. */
  | { kind: 'failed'; reason: string }
  /** The chat removed the bot or is gone (403, chat not found, not_in_channel…). */
  | { kind: 'unreachable'; reason: string }
  /**
   * The platform refuses the bot itself (a revoked token, a wrong API address): no message can
   * go, so the drain stops and every row waits, untouched, for the configuration to be fixed.
   */
  | { kind: 'misconfigured'; reason: string };

/** One platform's way of rendering and sending an outbox row; `P` is one message of it. */
export interface Sender<P> {
  platform: ChatPlatform;
  /** The limits a message to this chat counts against; those marked `chat` are paused by its 429s. */
  limits(chatId: string): Limit[];
  /** The messages a payload becomes on this platform, in order (a long reply may be several). */
  render(payload: DeliveryPayload): P[];
  send(chatId: string, message: P): Promise<SendOutcome>;
}

/** How long to wait for an answer before counting the try as a network failure. */
export const SEND_TIMEOUT_MS = 30_000;

/** A fetch that failed without an answer, as a short reason (no stack, no token in it). */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'network: no answer in time';
  return `network: ${cause?.code ?? cause?.message ?? (error as Error).message ?? String(error)}`;
}
