import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../client.ts';
import { unitKinds } from '../schema.ts';
import { cells } from './cells.ts';
import { defineImporter, type Lined } from './importer.ts';
import type { IssueList } from './issues.ts';
import { loadUnits } from './references.ts';
import { jsonParam, upsertInBatches } from './sql-batches.ts';

const row = z.object({
  code: cells.text(),
  name: cells.text(),
  kind: cells.choice(unitKinds, 'import.unknown_unit_kind'),
  parent_code: cells.optionalText(),
  // Telegram group ids are negative integers; Slack channel ids start with C, G or D.
  telegram_chat_id: cells.pattern(/^-?\d{1,20}$/, 'import.bad_telegram_chat'),
  slack_channel_id: cells.pattern(/^[CGD][A-Z0-9]{2,}$/, 'import.bad_slack_channel'),
});
type UnitRow = z.infer<typeof row>;

export const unitsImporter = defineImporter<UnitRow>({
  columns: ['code', 'name', 'kind', 'parent_code', 'telegram_chat_id', 'slack_channel_id'],
  unique: { columns: ['code'], code: 'import.duplicate_code' },
  row,
  async plan(tx, rows, issues) {
    const known = await loadUnits(tx);
    checkParents(rows, new Map([...known].map(([code, u]) => [code, u.parentCode])), issues);
    return async (tx, progress) => {
      // A parent may come later in the file, so units go in first and get their parents after.
      const counts = await upsertInBatches(
        tx,
        rows.map(({ code, name, kind, telegram_chat_id, slack_channel_id }) => ({
          code,
          name,
          kind,
          telegram_chat_id,
          slack_channel_id,
        })),
        (batch) => sql`
          insert into units (code, name, kind, telegram_chat_id, slack_channel_id)
          select code, name, kind, telegram_chat_id, slack_channel_id from jsonb_to_recordset(${batch})
            as r(code text, name text, kind text, telegram_chat_id text, slack_channel_id text)
          on conflict (code) do update set name = excluded.name, kind = excluded.kind,
            telegram_chat_id = excluded.telegram_chat_id, slack_channel_id = excluded.slack_channel_id,
            updated_at = now()
          returning id, code, (xmax = 0) as inserted`,
        progress,
      );
      const parents = rows.map(({ code, parent_code }) => ({ code, parent_code }));
      await queryRows(
        tx,
        sql`update units u set parent_id = p.id, updated_at = now()
            from jsonb_to_recordset(${jsonParam(parents)}) as r(code text, parent_code text)
            left join units p on p.code = r.parent_code
            where u.code = r.code and u.parent_id is distinct from p.id`,
      );
      return counts;
    };
  },
});

/** Parents must exist (in the database or the file), and the file must not close a loop. */
function checkParents(rows: Lined<UnitRow>[], parentOf: Map<string, string | null>, issues: IssueList): void {
  for (const r of rows) parentOf.set(r.code, r.parent_code);
  for (const r of rows) {
    if (r.parent_code === null) continue;
    if (!parentOf.has(r.parent_code)) {
      issues.add(r.line, 'parent_code', 'import.unknown_unit', { value: r.parent_code });
      continue;
    }
    const seen = new Set<string>();
    for (let at: string | null | undefined = r.parent_code; at != null && !seen.has(at); at = parentOf.get(at)) {
      if (at === r.code) {
        issues.add(r.line, 'parent_code', 'import.parent_cycle', { value: r.parent_code, unit: r.code });
        break;
      }
      seen.add(at);
    }
  }
}
