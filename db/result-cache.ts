import type { Person } from './identity.ts';
import type { Summary } from './numbers/types.ts';

/**
 * What a kept result depends on, named by the tables whose writes change it:
 * - `figures`, what the numbers read (db/numbers): every data table, that is all but the chat
 *   plumbing (processed_updates, dialogues, chat_identities, link_codes, link_attempts), the
 *   outbox (deliveries, job_runs) and the audit trail (audit_log);
 * - `people`, who a chat account is: staff, units, staff_oversees and chat_identities.
 * A writer announces every scope one of whose tables it wrote (staff and units are in both).
 */
export type Scope = 'figures' | 'people';

/** What DDL, a migration or the demo seed changes: anything. */
export const EVERY_SCOPE: readonly Scope[] = ['figures', 'people'];

/**
 * Where a writer says what it changed, once its write has committed. Writers take one as a
 * required argument (or a field of their options), so a new writer cannot forget to say.
 */
export interface ChangeSink {
  changed(...scopes: Scope[]): void;
}

/** For scripts and tests that keep nothing: what is announced goes nowhere. */
export const noCache: ChangeSink = { changed() {} };

export interface ResultCacheOptions {
  /**
   * Keep results once computed. Sound only where this process is the database's one writer and
   * every write is announced: the embedded PGlite, whose directory no other process may open.
   * Without it (PostgreSQL, which other processes write) a result is only shared by the
   * requests made while it is being computed.
   */
  keep: boolean;
}

/**
 * The results kept or shared for one database, created with it by the server (server/deps.ts)
 * and told by every writer what it changed (ChangeSink). Kept results are frozen through and
 * through: every caller gets the same object.
 */
export class ResultCache implements ChangeSink {
  readonly keeps: boolean;
  readonly #versions: Record<Scope, number> = { figures: 0, people: 0 };
  /** The person behind a chat account (`platform:externalId`), or null: db/identity.ts findPerson. */
  readonly persons: Shelf<Person | null>;
  /** A unit's summary as of a date (`UNIT|date`): db/numbers/summary.ts getSummaryShared. */
  readonly summaries: Shelf<Summary>;

  constructor(options: ResultCacheOptions) {
    this.keeps = options.keep;
    const version = (scope: Scope) => this.#versions[scope];
    this.persons = new Shelf(version, 'people', 2_000, options.keep);
    this.summaries = new Shelf(version, 'figures', 256, options.keep);
  }

  changed(...scopes: Scope[]): void {
    for (const scope of new Set(scopes)) this.#versions[scope]++;
  }

  /** A number that grows with every announced change of `scope`, and only then. */
  version(scope: Scope): number {
    return this.#versions[scope];
  }
}

export function createResultCache(options: ResultCacheOptions): ResultCache {
  return new ResultCache(options);
}

interface Entry<T> {
  version: number;
  value: T;
}

/**
 * Results of one kind, by key. Concurrent requests for a key share one computation, unless it
 * began before a change of its scope was announced; where keeping is on, a result stays for as
 * long as its scope's version is the one read before it was computed, at most `max` of them,
 * the oldest kept dropped first.
 */
export class Shelf<T> {
  readonly #kept = new Map<string, Entry<T>>();
  readonly #running = new Map<string, Entry<Promise<T>>>();

  constructor(
    private readonly versionOf: (scope: Scope) => number,
    readonly scope: Scope,
    readonly max: number,
    private readonly keep: boolean,
  ) {}

  /** The kept or running result for `key`, or else `compute()`'s, frozen. */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    // Read before the first query: a change announced meanwhile leaves the result stale.
    const version = this.versionOf(this.scope);
    const kept = this.#kept.get(key);
    if (kept?.version === version) return Promise.resolve(kept.value);
    const running = this.#running.get(key);
    if (running?.version === version) return running.value;
    const computing = compute()
      .then((value) => {
        deepFreeze(value);
        if (this.keep && this.versionOf(this.scope) === version) this.#store(key, { version, value });
        return value;
      })
      .finally(() => {
        if (this.#running.get(key)?.value === computing) this.#running.delete(key);
      });
    this.#running.set(key, { version, value: computing });
    return computing;
  }

  /** How many results are kept now (for tests). */
  get size(): number {
    return this.#kept.size;
  }

  #store(key: string, entry: Entry<T>): void {
    this.#kept.delete(key);
    if (this.#kept.size >= this.max) this.#kept.delete(this.#kept.keys().next().value!);
    this.#kept.set(key, entry);
  }
}

/** Freezes a shared result through and through: it is handed to every caller as it is. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
