import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
import { type ChatPlatform, chatPlatforms, unitKinds } from '../schema.ts';
import { cells } from './cells.ts';
import { defineImporter } from './importer.ts';
import { countInserted, upsertStaged } from './sql-batches.ts';
import { staged } from './staging.ts';

const row = {
  code: cells.code(),
  name: cells.freeText(),
  kind: cells.choice(unitKinds, 'import.unknown_unit_kind'),
  parent_code: cells.optionalCode(),
  // Telegram group ids are negative integers; Slack channel ids start with C, G or D.
  telegram_chat_id: cells.pattern(/^-?\d{1,20}$/, 'import.bad_telegram_chat'),
  slack_channel_id: cells.pattern(/^[CGD][A-Z0-9]{2,}$/, 'import.bad_slack_channel'),
};

/** The file's column for each platform's group or channel. */
const channelColumn = { telegram: 'telegram_chat_id', slack: 'slack_channel_id' } as const satisfies Record<ChatPlatform, string>;

/**
 * Each unit's parent as it will be: the file's for units in it, the database's for the others,
 * walked up from every row of the file until it comes back to that row (a loop) or ends.
 */
const parentCycles = sql`
  with recursive parents(code, parent_code) as (
    select code, parent_code from ${staged}
    union all
    select u.code, p.code from units u left join units p on p.id = u.parent_id
    where not exists (select 1 from ${staged} r where r.code = u.code)
  ),
  walk(line, unit, value, at, path) as (
    select line, code, parent_code, parent_code, array[code] from ${staged} where parent_code is not null
    union all
    select w.line, w.unit, w.value, p.parent_code, w.path || w.at
    from walk w join parents p on p.code = w.at
    where w.at <> w.unit and not w.at = any(w.path) and p.parent_code is not null
  )
  select line, value, unit from walk where at = unit`;

export const unitsImporter = defineImporter({
  row,
  changes: ['people', 'figures'], // units
  staged: { code: 'text', name: 'text', kind: 'text', parent_code: 'text', telegram_chat_id: 'text', slack_channel_id: 'text' },
  unique: { columns: ['code'], code: 'import.duplicate_code' },
  // Parents must exist (in the database or the file), and the file must not close a loop.
  checks: [
    {
      column: 'parent_code',
      code: 'import.unknown_unit',
      query: sql`select line, parent_code as value from ${staged} r
        where parent_code is not null and not exists (select 1 from units u where u.code = r.parent_code)
          and not exists (select 1 from ${staged} f where f.code = r.parent_code)`,
    },
    { column: 'parent_code', code: 'import.parent_cycle', query: parentCycles },
  ],
  async write(tx, count, progress) {
    // A parent may come later in the file, so units go in first and get their parents after.
    const counts = await upsertStaged(
      tx,
      count,
      (range) => countInserted(sql`
        insert into units (code, name, kind)
        select code, name, kind from ${staged} r where ${range} order by seq
        on conflict (code) do update set name = excluded.name, kind = excluded.kind, updated_at = now()
        returning (xmax = 0) as inserted`),
      progress,
    );
    await queryRows(
      tx,
      sql`update units u set parent_id = p.id, updated_at = now()
          from ${staged} r left join units p on p.code = r.parent_code
          where u.code = r.code and u.parent_id is distinct from p.id`,
    );
    for (const platform of chatPlatforms) await writeChannels(tx, platform);
    return counts;
  },
});

/**
 * The file's group or channel on `platform` for each of its units becomes the unit's own
 * ('unit'), replacing the one it had; an empty cell removes it. A leaders' group is not in the
 * file and stays, unless the file names that chat as the unit's own.
 */
async function writeChannels(tx: Db, platform: ChatPlatform): Promise<void> {
  const column = sql.identifier(channelColumn[platform]);
  await queryRows(
    tx,
    sql`delete from unit_channels c using units u, ${staged} r
        where u.code = r.code and c.unit_id = u.id and c.platform = ${platform} and c.purpose = 'unit'
          and c.chat_id is distinct from r.${column}`,
  );
  await queryRows(
    tx,
    sql`insert into unit_channels (unit_id, platform, chat_id, purpose)
        select u.id, ${platform}, r.${column}, 'unit' from ${staged} r join units u on u.code = r.code
        where r.${column} is not null
        on conflict (unit_id, platform, chat_id) do update set purpose = 'unit' where unit_channels.purpose <> 'unit'`,
  );
}
