import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { findingStatuses } from '../schema.ts';
import { cells } from './cells.ts';
import { defineImporter } from './importer.ts';
import { loadInspections, loadStaff } from './references.ts';
import { upsertInBatches } from './sql-batches.ts';

const findingRow = z.object({
  code: cells.text(),
  inspection_code: cells.text(),
  description: cells.text(),
  remedy: cells.text(),
  responsible_code: cells.optionalText(),
  due_date: cells.date(),
  status: cells.choice(findingStatuses, 'import.unknown_finding_status'),
});

/** Findings of inspection conclusions; the status in the file wins over one reported from chat. */
export const findingsImporter = defineImporter<z.infer<typeof findingRow>>({
  columns: ['code', 'inspection_code', 'description', 'remedy', 'responsible_code', 'due_date', 'status'],
  unique: { columns: ['code'], code: 'import.duplicate_code' },
  row: findingRow,
  async plan(tx, rows, issues) {
    const [inspections, staff] = [await loadInspections(tx), await loadStaff(tx)];
    for (const r of rows) {
      if (!inspections.has(r.inspection_code))
        issues.add(r.line, 'inspection_code', 'import.unknown_inspection', { value: r.inspection_code });
      if (r.responsible_code !== null && !staff.has(r.responsible_code))
        issues.add(r.line, 'responsible_code', 'import.unknown_staff', { value: r.responsible_code });
    }
    return (tx, progress) =>
      upsertInBatches(
        tx,
        rows.map(({ line: _, inspection_code, responsible_code, ...r }) => ({
          ...r,
          inspection_id: inspections.get(inspection_code)!,
          responsible_id: responsible_code === null ? null : staff.get(responsible_code)!.id,
        })),
        (batch) => sql`
          insert into findings (code, inspection_id, description, remedy, responsible_id, due_date, status)
          select code, inspection_id, description, remedy, responsible_id, due_date, status
          from jsonb_to_recordset(${batch}) as r(code text, inspection_id int, description text, remedy text,
            responsible_id int, due_date date, status text)
          on conflict (code) do update set inspection_id = excluded.inspection_id,
            description = excluded.description, remedy = excluded.remedy,
            responsible_id = excluded.responsible_id, due_date = excluded.due_date,
            status = excluded.status, updated_at = now()
          returning id, code, (xmax = 0) as inserted`,
        progress,
      );
  },
});
