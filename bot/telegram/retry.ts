import { autoRetry } from '@grammyjs/auto-retry';
import { HttpError, type Transformer } from 'grammy';

/** Network failures (no answer at all) are retried this many times, 0.5 s, 1 s, 2 s apart. */
const NETWORK_ATTEMPTS = 3;
/** 429 and 5xx answers are retried this many times; a longer retry_after than this gives up. */
const API_ATTEMPTS = 3;
const MAX_RETRY_AFTER_S = 60;

/**
 * Bounded retries for every outgoing call, innermost first. auto-retry honours 429's
 * retry_after and backs off on 5xx, but in 2.0.2 it retries network errors without any bound
 * (maxRetryAttempts does not count them), which could hold an update for an hour: those are
 * rethrown to it after our own few attempts instead.
 */
export function retryTransformers(networkDelayMs = 500): Transformer[] {
  const network: Transformer = async (prev, method, payload, signal) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || attempt >= NETWORK_ATTEMPTS || signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, networkDelayMs * 2 ** (attempt - 1)));
      }
    }
  };
  const api = autoRetry({ maxRetryAttempts: API_ATTEMPTS, maxDelaySeconds: MAX_RETRY_AFTER_S, rethrowHttpErrors: true });
  return [network, api];
}
