import type { Logger } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * Tables whose writes change no figure: chat plumbing, the outbox and the audit trail. A write
 * to any other table (or one whose table cannot be read off the SQL) counts as a change.
 */
const NO_FIGURES = new Set([
  'processed_updates',
  'dialogues',
  'chat_identities',
  'link_codes',
  'link_attempts',
  'audit_log',
  'deliveries',
  'job_runs',
]);

// insert into / update / delete from / merge into / truncate / copy, and the table they write;
// "for update" and "do update set" are not writes of a table of their own.
const WRITE = /(?<!\bfor\s+(?:no\s+key\s+)?|\bdo\s+)\b(?:insert\s+into|update|delete\s+from|merge\s+into|truncate(?:\s+table)?|copy)\s+(?:only\s+)?((?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))?)/gi;
const DDL = /\b(?:create|alter|drop|comment\s+on|reindex|cluster|vacuum\s+full)\b/i;

/**
 * The tables a statement writes, lower case; `*` for DDL and the like, which may change anything.
 * A false alarm only costs a recomputation, so the reading errs towards writes.
 */
export function writtenTables(query: string): Set<string> {
  const tables = new Set<string>();
  if (DDL.test(query)) tables.add('*');
  for (const match of query.matchAll(WRITE)) tables.add(match[1]!.split('.').pop()!.replace(/"/g, '').toLowerCase());
  return tables;
}

/** True when `query` may change what the numbers read (db/numbers): an insert, update or delete of a data table, or DDL. */
export function changesFigures(query: string): boolean {
  return [...writtenTables(query)].some((table) => !NO_FIGURES.has(table));
}

/** What a kept result depends on: the figures, or who people are (staff, units, chat accounts). */
export type WriteScope = 'figures' | 'people';

const PEOPLE = new Set(['staff', 'units', 'staff_oversees', 'chat_identities']);
const inScope: Record<WriteScope, (table: string) => boolean> = {
  figures: (table) => !NO_FIGURES.has(table),
  people: (table) => PEOPLE.has(table) || table === '*',
};

/**
 * Counts the statements writing each table, as drizzle sends them (its query logger sees every
 * statement, inside transactions too). Only meaningful where this process is the database's one
 * writer: the embedded PGlite, whose directory no other process may open.
 */
export class WriteVersion implements Logger {
  readonly #counts = new Map<string, number>();

  /** Grows with every statement that may change what `scope` reads, and only then. */
  version(scope: WriteScope): number {
    let sum = 0;
    for (const [table, count] of this.#counts) if (inScope[scope](table)) sum += count;
    return sum;
  }

  logQuery(query: string): void {
    for (const table of writtenTables(query)) this.#counts.set(table, (this.#counts.get(table) ?? 0) + 1);
  }
}

const versions = new WeakMap<Db, WriteVersion>();

export function watchWrites(db: Db, writes: WriteVersion): void {
  versions.set(db, writes);
}

/**
 * How many statements that may change what `scope` reads this process has sent to `db` (a
 * number that only grows), or undefined where other
 * processes may write too (PostgreSQL), so nothing derived from the data may be kept.
 */
export function getWriteVersion(db: Db, scope: WriteScope): number | undefined {
  return versions.get(db)?.version(scope);
}

/** Freezes a kept result through and through: it is handed to every caller as it is. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Results kept per database and key for as long as `scope`'s version stays what it was when
 * they were computed; at most `max` per database, the oldest dropped first. Keeps nothing where
 * there is no version (PostgreSQL). Kept values are frozen: every caller gets the same object.
 */
export class KeptResults<T> {
  readonly #byDb = new WeakMap<Db, Map<string, { version: number; value: T }>>();

  constructor(
    readonly scope: WriteScope,
    readonly max: number,
  ) {}

  /** The kept value, if still current; `version` is what to pass to keep() after computing. */
  lookup(db: Db, key: string): { hit: true; value: T } | { hit: false; version: number | undefined } {
    const version = getWriteVersion(db, this.scope);
    const kept = this.#byDb.get(db)?.get(key);
    return kept && kept.version === version ? { hit: true, value: kept.value } : { hit: false, version };
  }

  /** Freezes `value` and keeps it under the version read before it was computed. */
  keep(db: Db, key: string, version: number | undefined, value: T): T {
    deepFreeze(value);
    if (version === undefined) return value;
    let values = this.#byDb.get(db);
    if (!values) this.#byDb.set(db, (values = new Map()));
    values.delete(key);
    if (values.size >= this.max) values.delete(values.keys().next().value!);
    values.set(key, { version, value });
    return value;
  }
}
