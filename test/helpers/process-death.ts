/**
 * A process killed at an instant, for code that runs in the test's own process: from that
 * instant no database statement it issues runs and no request it makes leaves, and answers
 * to requests already on the wire are never read. Requests that left before the instant still
 * reach the server (the platform got them); statements issued before it may still commit.
 * Or only its database lost at that instant: the process lives on, and every statement fails.
 */
import type { Db } from '../../db/client.ts';

export interface ProcessDeath {
  /** The database as the doomed process sees it. */
  db: Db;
  /** Its fetch: the death comes the instant the `answer`-th answer comes back. */
  fetch: typeof fetch;
  /** Resolves once every request that left before the death has been answered. */
  settled(): Promise<void>;
}

type State = 'alive' | 'dead' | 'database lost';

const never = <T>() => new Promise<T>(() => {});

/** Wraps `db` so that nothing runs once the process is dead or its database lost; every builder a call returns is wrapped too. */
function gated<T extends object>(target: T, state: () => State): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      if (typeof value !== 'function') return value;
      if (key === 'then') {
        return (resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) => {
          if (state() === 'dead') return never();
          if (state() === 'database lost') return Promise.reject(new Error('connection lost')).then(resolve, reject);
          return (value as (a: unknown, b: unknown) => unknown).call(object, resolve, reject);
        };
      }
      return (...args: unknown[]) => {
        const out: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
        return out !== null && typeof out === 'object' ? gated(out, state) : out;
      };
    },
  });
}

function atAnswer(db: Db, answer: number, death: Exclude<State, 'alive'>): ProcessDeath {
  let state: State = 'alive';
  let answers = 0;
  let inFlight = 0;
  const dead = () => state === 'dead';
  const gatedFetch: typeof fetch = async (input, init) => {
    if (dead()) return never();
    inFlight++;
    let response: Response;
    try {
      response = await fetch(input, init);
    } finally {
      inFlight--;
    }
    if (dead()) return never();
    if (++answers === answer) state = death;
    return dead() ? never() : response;
  };
  return {
    db: gated(db, () => state),
    fetch: gatedFetch,
    async settled() {
      while (state === 'alive' || inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}

/** The process dies as the `answer`-th answer comes back, unread. */
export const dieAtAnswer = (db: Db, answer: number) => atAnswer(db, answer, 'dead');

/** The process loses its database as the `answer`-th answer comes back (it reads that answer). */
export const loseDatabaseAtAnswer = (db: Db, answer: number) => atAnswer(db, answer, 'database lost');
