import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../client.ts';
import { type ChatPlatform, chatPlatforms, staffRoles } from '../schema.ts';
import { cells } from './cells.ts';
import { defineImporter, type Lined } from './importer.ts';
import type { IssueList } from './issues.ts';
import { loadUnits } from './references.ts';
import { jsonParam, runInBatches, upsertInBatches } from './sql-batches.ts';

const row = z.object({
  code: cells.text(),
  full_name: cells.text(),
  unit_code: cells.text(),
  role: cells.choice(staffRoles, 'import.unknown_role'),
  telegram_user_id: cells.pattern(/^[1-9]\d{0,19}$/, 'import.bad_telegram_user'),
  slack_user_id: cells.pattern(/^[UW][A-Z0-9]{2,}$/, 'import.bad_slack_user'),
  oversees: cells.codes(),
});
type StaffRow = z.infer<typeof row>;

const idColumn = { telegram: 'telegram_user_id', slack: 'slack_user_id' } as const;

export const staffImporter = defineImporter<StaffRow>({
  columns: ['code', 'full_name', 'unit_code', 'role', 'telegram_user_id', 'slack_user_id', 'oversees'],
  unique: { columns: ['code'], code: 'import.duplicate_code' },
  row,
  async plan(tx, rows, issues) {
    const units = await loadUnits(tx);
    const unitId = (code: string) => units.get(code)?.id ?? 0;
    for (const r of rows) {
      if (!units.has(r.unit_code)) issues.add(r.line, 'unit_code', 'import.unknown_unit', { value: r.unit_code });
      for (const code of r.oversees)
        if (!units.has(code)) issues.add(r.line, 'oversees', 'import.unknown_unit', { value: code });
    }
    await checkIdentities(tx, rows, issues);
    return async (tx, progress) => {
      const counts = await upsertInBatches(
        tx,
        rows.map((r) => ({ code: r.code, full_name: r.full_name, unit_id: unitId(r.unit_code), role: r.role })),
        (batch) => sql`
          insert into staff (code, full_name, unit_id, role)
          select code, full_name, unit_id, role from jsonb_to_recordset(${batch})
            as r(code text, full_name text, unit_id int, role text)
          on conflict (code) do update set full_name = excluded.full_name, unit_id = excluded.unit_id,
            role = excluded.role, updated_at = now()
          returning id, code, (xmax = 0) as inserted`,
        progress,
      );
      const staffId = (code: string) => counts.ids.get(code)!;
      // `oversees` is the whole list for that person: it replaces what was there.
      await queryRows(
        tx,
        sql`delete from staff_oversees where staff_id in
            (select jsonb_array_elements_text(${jsonParam([...counts.ids.values()])})::int)`,
      );
      const oversees = rows.flatMap((r) => r.oversees.map((u) => ({ staff_id: staffId(r.code), unit_id: unitId(u) })));
      await runInBatches(
        tx,
        oversees,
        (batch) => sql`insert into staff_oversees (staff_id, unit_id)
          select staff_id, unit_id from jsonb_to_recordset(${batch}) as r(staff_id int, unit_id int)`,
      );
      // Accounts people linked themselves (source 'link') are never touched by an import.
      const identities = rows.flatMap((r) =>
        chatPlatforms.map((platform) => ({ staff_id: staffId(r.code), platform, external_id: r[idColumn[platform]] })),
      );
      await runInBatches(
        tx,
        identities,
        (batch) => sql`delete from chat_identities ci
          using jsonb_to_recordset(${batch}) as r(staff_id int, platform text, external_id text)
          where ci.staff_id = r.staff_id and ci.platform = r.platform and ci.source = 'import'
            and ci.external_id is distinct from r.external_id`,
      );
      await runInBatches(
        tx,
        identities.filter((i) => i.external_id !== null),
        (batch) => sql`insert into chat_identities (platform, external_id, staff_id, source)
          select platform, external_id, staff_id, 'import'
          from jsonb_to_recordset(${batch}) as r(staff_id int, platform text, external_id text)
          on conflict (platform, external_id) do nothing`,
      );
      return counts;
    };
  },
});

interface Identity {
  platform: ChatPlatform;
  external_id: string;
  source: 'import' | 'link';
  staff_code: string;
}

/** A chat account belongs to one person, and a person has one account per platform. */
async function checkIdentities(tx: Db, rows: Lined<StaffRow>[], issues: IssueList) {
  const existing = await queryRows<Identity>(
    tx,
    sql`select ci.platform, ci.external_id, ci.source, s.code as staff_code
        from chat_identities ci join staff s on s.id = ci.staff_id`,
  );
  const inFile = new Set(rows.map((r) => r.code));
  for (const platform of chatPlatforms) {
    const column = idColumn[platform];
    const byAccount = new Map<string, Identity>();
    const linkedOf = new Map<string, string>();
    for (const i of existing.filter((i) => i.platform === platform)) {
      byAccount.set(i.external_id, i);
      if (i.source === 'link') linkedOf.set(i.staff_code, i.external_id);
    }
    const firstLine = new Map<string, number>();
    for (const r of rows) {
      const value = r[column];
      if (value === null) continue;
      const first = firstLine.get(value);
      if (first !== undefined) issues.add(r.line, column, 'import.duplicate_chat_id', { value, first });
      else firstLine.set(value, r.line);
      const holder = byAccount.get(value);
      // Another file row's import-sourced account is released by this file unless it repeats it.
      if (holder && holder.staff_code !== r.code && (holder.source === 'link' || !inFile.has(holder.staff_code)))
        issues.add(r.line, column, 'import.chat_id_taken', { value, staff: holder.staff_code });
      const linked = linkedOf.get(r.code);
      if (linked !== undefined && linked !== value)
        issues.add(r.line, column, 'import.chat_already_linked', { value, linked });
    }
  }
}
