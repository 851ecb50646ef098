import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { findingStatuses, inspectionKinds } from '../schema.ts';
import { cells } from './cells.ts';
import { defineImporter } from './importer.ts';
import { loadInspections, loadStaff, loadUnits } from './references.ts';
import { upsertInBatches } from './sql-batches.ts';

const inspectionRow = z.object({
  code: cells.text(),
  unit_code: cells.text(),
  kind: cells.choice(inspectionKinds, 'unknown_inspection_kind'),
  concluded_on: cells.date(),
  title: cells.text(),
});

export const inspectionsImporter = defineImporter<z.infer<typeof inspectionRow>>({
  columns: ['code', 'unit_code', 'kind', 'concluded_on', 'title'],
  unique: { columns: ['code'], code: 'import.duplicate_code' },
  row: inspectionRow,
  async plan(tx, rows, issues) {
    const units = await loadUnits(tx);
    for (const r of rows)
      if (!units.has(r.unit_code)) issues.add(r.line, 'unit_code', 'import.unknown_unit', { value: r.unit_code });
    return (tx, progress) =>
      upsertInBatches(
        tx,
        rows.map(({ line: _, unit_code, ...r }) => ({ ...r, unit_id: units.get(unit_code)!.id })),
        (batch) => sql`
          insert into inspections (code, unit_id, kind, concluded_on, title)
          select code, unit_id, kind, concluded_on, title from jsonb_to_recordset(${batch})
            as r(code text, unit_id int, kind text, concluded_on date, title text)
          on conflict (code) do update set unit_id = excluded.unit_id, kind = excluded.kind,
            concluded_on = excluded.concluded_on, title = excluded.title, updated_at = now()
          returning id, code, (xmax = 0) as inserted`,
        progress,
      );
  },
});

const findingRow = z.object({
  code: cells.text(),
  inspection_code: cells.text(),
  description: cells.text(),
  remedy: cells.text(),
  responsible_code: cells.optionalText(),
  due_date: cells.date(),
  status: cells.choice(findingStatuses, 'unknown_finding_status'),
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
