import { sql } from 'drizzle-orm';
import { findingStatuses } from '../schema.ts';
import { cells } from './cells.ts';
import { referenceExists } from './checks.ts';
import { defineImporter } from './importer.ts';
import { countInserted, upsertStaged } from './sql-batches.ts';
import { staged } from './staging.ts';

const findingRow = {
  code: cells.code(),
  inspection_code: cells.code(),
  description: cells.freeText(),
  remedy: cells.freeText(),
  responsible_code: cells.optionalCode(),
  due_date: cells.date(),
  status: cells.choice(findingStatuses, 'import.unknown_finding_status'),
};

/** Findings of inspection conclusions; the status in the file wins over one reported from chat. */
export const findingsImporter = defineImporter({
  row: findingRow,
  changes: ['figures'], // findings
  staged: {
    code: 'text',
    inspection_code: 'text',
    description: 'text',
    remedy: 'text',
    responsible_code: 'text',
    due_date: 'date',
    status: 'text',
  },
  unique: { columns: ['code'], code: 'import.duplicate_code' },
  deadlines: ['due_date'],
  checks: [
    referenceExists('inspection_code', 'inspections', 'import.unknown_inspection'),
    referenceExists('responsible_code', 'staff', 'import.unknown_staff'),
  ],
  write: (tx, count, progress) =>
    upsertStaged(
      tx,
      count,
      (range) => countInserted(sql`
        insert into findings (code, inspection_id, description, remedy, responsible_id, due_date, status)
        select r.code, i.id, r.description, r.remedy, s.id, r.due_date, r.status
        from ${staged} r join inspections i on i.code = r.inspection_code left join staff s on s.code = r.responsible_code
        where ${range} order by r.seq
        on conflict (code) do update set inspection_id = excluded.inspection_id,
          description = excluded.description, remedy = excluded.remedy,
          responsible_id = excluded.responsible_id, due_date = excluded.due_date,
          status = excluded.status, updated_at = now()
        returning (xmax = 0) as inserted`),
      progress,
    ),
});
