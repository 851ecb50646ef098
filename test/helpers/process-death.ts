/**
 * A process killed at an instant, for code that runs in the test's own process: from that
 * instant no database statement it issues runs and no request it makes leaves, and answers
 * to requests already on the wire are never read. Requests that left before the instant still
 * reach the server (the platform got them); statements issued before it may still commit.
 */
import type { Db } from '../../db/client.ts';

export interface ProcessDeath {
  /** The database as the doomed process sees it. */
  db: Db;
  /** Its fetch: it dies the instant the `dieAtAnswer`-th answer comes back, unread. */
  fetch: typeof fetch;
  readonly dead: boolean;
  /** Resolves once every request that left before the death has been answered. */
  settled(): Promise<void>;
}

const never = <T>() => new Promise<T>(() => {});

/** Wraps `db` so that nothing is issued once `isDead()`; every builder a call returns is wrapped too. */
function gated<T extends object>(target: T, isDead: () => boolean): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      if (typeof value !== 'function') return value;
      if (key === 'then') {
        return (resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) =>
          isDead() ? never() : (value as (a: unknown, b: unknown) => unknown).call(object, resolve, reject);
      }
      return (...args: unknown[]) => {
        const out: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
        return out !== null && typeof out === 'object' ? gated(out, isDead) : out;
      };
    },
  });
}

export function dieAtAnswer(db: Db, answer: number): ProcessDeath {
  let dead = false;
  let answers = 0;
  let inFlight = 0;
  const isDead = () => dead;
  const gatedFetch: typeof fetch = async (input, init) => {
    if (dead) return never();
    inFlight++;
    let response: Response;
    try {
      response = await fetch(input, init);
    } finally {
      inFlight--;
    }
    if (dead) return never();
    if (++answers === answer) {
      dead = true;
      return never();
    }
    return response;
  };
  return {
    db: gated(db, isDead),
    fetch: gatedFetch,
    get dead() {
      return dead;
    },
    async settled() {
      while (!dead || inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}
