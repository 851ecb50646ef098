/**
 * Which of the migrations in db/migrations a database has applied. Node only: it reads
 * drizzle's journal from the file system (`thads migrate` runs on Node).
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './rows.ts';

interface JournalEntry {
  tag: string;
  when: number;
}

export interface MigrationStatus {
  /** How many migrations the database has applied. */
  applied: number;
  /** How many this code knows. */
  known: number;
  /** The newest known migration the database has applied: its name and when it was made. */
  latest?: { tag: string; madeAt: Date };
}

// drizzle stores each applied migration's folderMillis (`when`), not its name: the journal maps back.
const journalUrl = new URL('./migrations/meta/_journal.json', import.meta.url);

/** What `thads migrate` reports, after opening the database has migrated it. */
export async function getMigrationStatus(db: Db): Promise<MigrationStatus> {
  const journal = (JSON.parse(readFileSync(journalUrl, 'utf8')) as { entries: JournalEntry[] }).entries;
  const applied = await queryRows<{ created_at: string | number }>(db, sql`select created_at from drizzle.__drizzle_migrations order by created_at`);
  const appliedAt = new Set(applied.map((r) => Number(r.created_at)));
  const latest = [...journal].reverse().find((e) => appliedAt.has(e.when));
  return { applied: applied.length, known: journal.length, ...(latest ? { latest: { tag: latest.tag, madeAt: new Date(latest.when) } } : {}) };
}
