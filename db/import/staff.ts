import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
import { type ChatPlatform, chatPlatforms, staffRoles } from '../schema.ts';
import { cells } from './cells.ts';
import { duplicateCheck, type StagedCheck, unitExists } from './checks.ts';
import { defineImporter } from './importer.ts';
import { countInserted, upsertStaged } from './sql-batches.ts';
import { staged } from './staging.ts';

const row = {
  code: cells.code(),
  full_name: cells.freeText(),
  unit_code: cells.code(),
  role: cells.choice(staffRoles, 'import.unknown_role'),
  telegram_user_id: cells.pattern(/^[1-9]\d{0,19}$/, 'import.bad_telegram_user'),
  slack_user_id: cells.pattern(/^[UW][A-Z0-9]{2,}$/, 'import.bad_slack_user'),
  oversees: cells.codes(),
};

const idColumn = { telegram: 'telegram_user_id', slack: 'slack_user_id' } as const;

export const staffImporter = defineImporter({
  row,
  changes: ['people', 'figures'], // staff, staff_oversees, chat_identities
  staged: {
    code: 'text',
    full_name: 'text',
    unit_code: 'text',
    role: 'text',
    telegram_user_id: 'text',
    slack_user_id: 'text',
    oversees: 'text[]',
  },
  unique: { columns: ['code'], code: 'import.duplicate_code' },
  checks: [
    unitExists('unit_code'),
    {
      column: 'oversees',
      code: 'import.unknown_unit',
      query: sql`select r.line, o.code as value from ${staged} r cross join unnest(r.oversees) as o(code)
        where not exists (select 1 from units u where u.code = o.code)`,
    },
    ...chatPlatforms.flatMap(identityChecks),
  ],
  async write(tx, count, progress) {
    const counts = await upsertStaged(
      tx,
      count,
      (range) => countInserted(sql`
        insert into staff (code, full_name, unit_id, role)
        select r.code, r.full_name, u.id, r.role from ${staged} r join units u on u.code = r.unit_code
        where ${range} order by r.seq
        on conflict (code) do update set full_name = excluded.full_name, unit_id = excluded.unit_id,
          role = excluded.role, updated_at = now()
        returning (xmax = 0) as inserted`),
      progress,
    );
    // `oversees` is the whole list for that person: it replaces what was there.
    await queryRows(tx, sql`delete from staff_oversees where staff_id in (select s.id from staff s join ${staged} r on r.code = s.code)`);
    await queryRows(
      tx,
      sql`insert into staff_oversees (staff_id, unit_id)
          select s.id, u.id from ${staged} r join staff s on s.code = r.code
          cross join unnest(r.oversees) as o(code) join units u on u.code = o.code`,
    );
    for (const platform of chatPlatforms) await writeIdentities(tx, platform);
    return counts;
  },
});

/** The file's account on `platform` for each of its people; accounts people linked themselves (source 'link') are never touched. */
async function writeIdentities(tx: Db, platform: ChatPlatform): Promise<void> {
  const column = sql.identifier(idColumn[platform]);
  await queryRows(
    tx,
    sql`delete from chat_identities ci using staff s, ${staged} r
        where s.code = r.code and ci.staff_id = s.id and ci.platform = ${platform} and ci.source = 'import'
          and ci.external_id is distinct from r.${column}`,
  );
  await queryRows(
    tx,
    sql`insert into chat_identities (platform, external_id, staff_id, source)
        select ${platform}, r.${column}, s.id, 'import' from ${staged} r join staff s on s.code = r.code
        where r.${column} is not null
        on conflict (platform, external_id) do nothing`,
  );
}

/** A chat account belongs to one person, and a person has one account per platform. */
function identityChecks(platform: ChatPlatform): StagedCheck[] {
  const name = idColumn[platform];
  const column = sql.identifier(name);
  const rows: SQL = sql`(select * from ${staged} where ${column} is not null)`;
  const duplicate = duplicateCheck([name], 'import.duplicate_chat_id');
  return [
    { ...duplicate, query: sql`select * from (${duplicate.query}) as d where value is not null` },
    {
      // Another file row's import-sourced account is released by this file unless it repeats it.
      column: name,
      code: 'import.chat_id_taken',
      query: sql`select r.line, r.${column} as value, holder.code as staff from ${rows} r
        join chat_identities ci on ci.platform = ${platform} and ci.external_id = r.${column}
        join staff holder on holder.id = ci.staff_id
        where holder.code <> r.code
          and (ci.source = 'link' or not exists (select 1 from ${staged} f where f.code = holder.code))`,
    },
    {
      column: name,
      code: 'import.chat_already_linked',
      query: sql`select r.line, r.${column} as value, ci.external_id as linked from ${rows} r
        join staff s on s.code = r.code
        join chat_identities ci on ci.staff_id = s.id and ci.platform = ${platform} and ci.source = 'link'
        where ci.external_id <> r.${column}`,
    },
  ];
}
