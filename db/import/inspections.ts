import { sql } from 'drizzle-orm';
import { inspectionKinds } from '../schema.ts';
import { cells } from './cells.ts';
import { unitExists } from './checks.ts';
import { defineImporter } from './importer.ts';
import { countInserted, upsertStaged } from './sql-batches.ts';
import { staged } from './staging.ts';

const inspectionRow = {
  code: cells.code(),
  unit_code: cells.code(),
  kind: cells.choice(inspectionKinds, 'import.unknown_inspection_kind'),
  concluded_on: cells.date(),
  title: cells.freeText(),
};

export const inspectionsImporter = defineImporter({
  row: inspectionRow,
  changes: ['figures'], // inspections
  staged: { code: 'text', unit_code: 'text', kind: 'text', concluded_on: 'date', title: 'text' },
  unique: { columns: ['code'], code: 'import.duplicate_code' },
  pastDates: ['concluded_on'],
  checks: [unitExists('unit_code')],
  write: (tx, count, progress) =>
    upsertStaged(
      tx,
      count,
      (range) => countInserted(sql`
        insert into inspections (code, unit_id, kind, concluded_on, title)
        select r.code, u.id, r.kind, r.concluded_on, r.title from ${staged} r join units u on u.code = r.unit_code
        where ${range} order by r.seq
        on conflict (code) do update set unit_id = excluded.unit_id, kind = excluded.kind,
          concluded_on = excluded.concluded_on, title = excluded.title, updated_at = now()
        returning (xmax = 0) as inserted`),
      progress,
    ),
});
