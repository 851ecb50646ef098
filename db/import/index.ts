import { sql } from 'drizzle-orm';
import { auditLog } from '../schema.ts';
import type { Db } from '../client.ts';
import { casesImporter } from './cases.ts';
import { collectionsImporter } from './collections.ts';
import { findingsImporter } from './findings.ts';
import type { Importer } from './importer.ts';
import { inspectionsImporter } from './inspections.ts';
import { IssueList } from './issues.ts';
import { readCsv } from './read-csv.ts';
import { staffImporter } from './staff.ts';
import { targetsImporter } from './targets.ts';
import type { ImportInput, ImportKind, ImportOptions, ImportResult } from './types.ts';
import { unitsImporter } from './units.ts';

export * from './types.ts';

const importers: Record<ImportKind, Importer> = {
  units: unitsImporter,
  staff: staffImporter,
  cases: casesImporter,
  collections: collectionsImporter,
  targets: targetsImporter,
  inspections: inspectionsImporter,
  findings: findingsImporter,
};

const PROGRESS_EVERY = 1000;

/**
 * Imports one CSV file of `kind` (CONTRACT.md, "CSV files"), all or nothing, in one transaction:
 * the file streams through it, each batch of rows checked cell by cell and staged in a temporary
 * table (db/import/staging.ts), so neither the file nor its rows are ever held whole. Once it is
 * read, every rule is checked in SQL, references against the database included; a single issue
 * rolls everything back. A clean file is then written with one audit_log row; a dry run writes
 * too, then rolls back. `options.changes` is told what a committed import changed (by kind).
 */
export async function importCsv(db: Db, kind: ImportKind, input: ImportInput, options: ImportOptions): Promise<ImportResult> {
  const importer = importers[kind];
  const issues = new IssueList(options.maxIssues ?? 50);
  const dryRun = options.dryRun ?? false;
  let rows = 0;
  const result = (inserted = 0, updated = 0): ImportResult => ({
    kind,
    rows,
    inserted,
    updated,
    dryRun,
    issues: [...issues.list].sort((a, b) => a.line - b.line),
    truncated: issues.truncated,
  });
  try {
    const done = await db.transaction(async (tx) => {
      const session = await importer.start(tx, issues, options.today);
      let read = 0;
      const file = await readCsv(input, importer.columns, issues, (row) => {
        const staging = session.add(row);
        if (++read % PROGRESS_EVERY === 0) options.onProgress?.(read, 'read');
        return staging;
      });
      rows = file.rows;
      // A file that could not be read (empty, bad header, broken quotes) has nothing to check further.
      if (!file.readable) throw new Rollback(result());
      await session.check();
      if (issues.count > 0) throw new Rollback(result());
      const counts = await session.write((done) => options.onProgress?.(done, 'write'));
      // A dry run writes too, then rolls back: its counts are exact and the database's own
      // constraints have had their say.
      if (dryRun) throw new Rollback(result(counts.inserted, counts.updated));
      await tx.insert(auditLog).values({
        staffId: options.actor.staffId ?? null,
        actor: options.actor.label,
        channel: options.channel,
        action: 'import',
        entity: kind,
        details: { rows, inserted: counts.inserted, updated: counts.updated },
      });
      return result(counts.inserted, counts.updated);
    });
    options.changes.changed(...importer.changes);
    if (rows >= VACUUM_AFTER_ROWS) await vacuumAfterBulk(db, kind);
    return done;
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

const VACUUM_AFTER_ROWS = 10_000;
const bulkTables: Partial<Record<ImportKind, string[]>> = {
  cases: ['cases', 'case_status_history', 'collections'],
  collections: ['collections'],
};

/**
 * The numbers read cases and collections by index-only scans, which fall back to the table
 * for pages not yet marked all-visible: after a bulk import, mark them now (and refresh the
 * planner's statistics) rather than wait for autovacuum.
 */
async function vacuumAfterBulk(db: Db, kind: ImportKind): Promise<void> {
  for (const table of bulkTables[kind] ?? []) await db.execute(sql`vacuum (analyze) ${sql.identifier(table)}`);
}

/** Ends the transaction without keeping anything: a refused file, or a dry run. */
class Rollback extends Error {
  constructor(readonly result: ImportResult) {
    super('import rolled back');
  }
}
