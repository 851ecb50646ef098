import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Undefined when the database answered `select 1` within `timeoutMs`; otherwise why not. */
export async function pingDatabase(db: Db, timeoutMs: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to select 1 within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.execute(sql`select 1`), timeout]);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    clearTimeout(timer);
  }
}

export interface AvailabilityOptions {
  /** How long a ping may take before the database counts as down (default 1 s: Slack's ack must follow within 3 s). */
  timeoutMs?: number;
  /** How long an answer is trusted (default 1 s each), so that a burst of requests costs one ping. */
  upForMs?: number;
  downForMs?: number;
}

/**
 * Whether the database can be reached now, asked before a chat request is accepted: the
 * platforms resend what is refused (503), not what was acknowledged. Concurrent callers share
 * one ping.
 */
export function createAvailabilityCheck(db: Db, options: AvailabilityOptions = {}): () => Promise<boolean> {
  const { timeoutMs = 1_000, upForMs = 1_000, downForMs = 1_000 } = options;
  let known: { up: boolean; until: number } | undefined;
  let asking: Promise<boolean> | undefined;
  return () => {
    if (known && Date.now() < known.until) return Promise.resolve(known.up);
    asking ??= pingDatabase(db, timeoutMs)
      .then((failure) => {
        const up = failure === undefined;
        known = { up, until: Date.now() + (up ? upForMs : downForMs) };
        return up;
      })
      .finally(() => {
        asking = undefined;
      });
    return asking;
  };
}
