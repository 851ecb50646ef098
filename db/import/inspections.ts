import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { inspectionKinds } from '../schema.ts';
import { cells } from './cells.ts';
import { defineImporter } from './importer.ts';
import { loadUnits } from './references.ts';
import { upsertInBatches } from './sql-batches.ts';

const inspectionRow = z.object({
  code: cells.text(),
  unit_code: cells.text(),
  kind: cells.choice(inspectionKinds, 'import.unknown_inspection_kind'),
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
