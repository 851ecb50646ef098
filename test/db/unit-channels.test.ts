import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, queryRows } from '../../db/client.ts';
import { findUnitByChannel, getUnitChannel, getUnitChannels, removeUnitChannel, setUnitChannel } from '../../db/unit-channels.ts';
import { loadFixtures, run } from '../fixtures/import/helpers.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addUnit } from '../helpers/fixtures.ts';

const unitsHeader = 'code,name,kind,parent_code,telegram_chat_id,slack_channel_id';

/** Every row of unit_channels as `code platform chat_id purpose`, in a stable order. */
async function channelRows(db: Db): Promise<string[]> {
  const rows = await queryRows<{ code: string; platform: string; chat_id: string; purpose: string }>(
    db,
    sql`select u.code, c.platform, c.chat_id, c.purpose from unit_channels c join units u on u.id = c.unit_id order by u.code collate "C", c.platform, c.purpose`,
  );
  return rows.map((r) => `${r.code} ${r.platform} ${r.chat_id} ${r.purpose}`);
}

describe.each(drivers)('unit channels on %s', (driver) => {
  let handle: TestDb;
  let db: Db;
  const ids = {} as Record<'P' | 'A' | 'B' | 'C', number>;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    ids.P = await addUnit(db, 'P', 'province');
    ids.B = await addUnit(db, 'B', 'local', 'P');
    ids.A = await addUnit(db, 'A', 'local', 'P');
    ids.C = await addUnit(db, 'C', 'local', 'P');
  });
  afterAll(() => handle.close());

  it('lists the units with their own channels by code, Telegram first, and replaces a unit’s channel on a platform', async () => {
    await setUnitChannel(db, ids.B, 'slack', 'CB');
    await setUnitChannel(db, ids.B, 'telegram', '-200');
    await setUnitChannel(db, ids.A, 'telegram', '-100');
    await setUnitChannel(db, ids.A, 'telegram', '-101');
    expect(await getUnitChannels(db)).toEqual([
      { id: ids.A, code: 'A', name: 'Đơn vị A', kind: 'local', destinations: [{ platform: 'telegram', chatId: '-101' }] },
      {
        id: ids.B,
        code: 'B',
        name: 'Đơn vị B',
        kind: 'local',
        destinations: [
          { platform: 'telegram', chatId: '-200' },
          { platform: 'slack', chatId: 'CB' },
        ],
      },
    ]);
    expect(await removeUnitChannel(db, ids.B, 'slack')).toBe(true);
    expect(await removeUnitChannel(db, ids.B, 'slack')).toBe(false);
    expect(await channelRows(db)).toEqual(['A telegram -101 unit', 'B telegram -200 unit']);
  });

  it('keeps a province’s leaders’ group beside its own, out of the jobs’ destinations', async () => {
    await setUnitChannel(db, ids.P, 'telegram', '-900');
    await setUnitChannel(db, ids.P, 'telegram', '-909', 'leaders');
    expect(await getUnitChannel(db, ids.P, 'telegram')).toBe('-900');
    expect(await getUnitChannel(db, ids.P, 'telegram', 'leaders')).toBe('-909');
    expect(await getUnitChannel(db, ids.P, 'slack', 'leaders')).toBeUndefined();
    expect((await getUnitChannels(db)).find((u) => u.id === ids.P)?.destinations).toEqual([{ platform: 'telegram', chatId: '-900' }]);
    // Naming the leaders' group as the province's own moves it: a chat serves a unit one way.
    await setUnitChannel(db, ids.P, 'telegram', '-909');
    expect((await channelRows(db)).filter((r) => r.startsWith('P '))).toEqual(['P telegram -909 unit']);
    await setUnitChannel(db, ids.P, 'telegram', '-900');
  });

  it('lets two units share one group, and finds the first of them by a chat id', async () => {
    await setUnitChannel(db, ids.C, 'telegram', '-200');
    expect((await getUnitChannels(db)).filter((u) => u.destinations.some((d) => d.chatId === '-200')).map((u) => u.code)).toEqual(['B', 'C']);
    expect(await findUnitByChannel(db, 'telegram', '-200')).toMatchObject({ code: 'B', kind: 'local' });
    expect(await findUnitByChannel(db, 'telegram', '-900')).toMatchObject({ id: ids.P, kind: 'province', parentId: null });
    expect(await findUnitByChannel(db, 'slack', '-200')).toBeUndefined();
    await removeUnitChannel(db, ids.C, 'telegram');
  });
});

describe.each(drivers)('units.csv and unit channels on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await loadFixtures(handle.db);
  });
  afterAll(() => handle.close());

  it('imports each unit’s Telegram group and Slack channel as its own', async () => {
    expect(await channelRows(handle.db)).toEqual([
      'TN slack C0PROV01 unit',
      'TN telegram -1009876543210 unit',
      'TN-DS telegram -1001234567890 unit',
      'TN-HT slack C0HT0001 unit',
    ]);
  });

  it('replaces a unit’s channel with the file’s, removes it for an empty cell, and leaves leaders’ groups and other units alone', async () => {
    const [tn] = await queryRows<{ id: number }>(handle.db, sql`select id from units where code = 'TN'`);
    await setUnitChannel(handle.db, Number(tn!.id), 'slack', 'C0LEAD01', 'leaders');
    const result = await run(handle.db, 'units', [unitsHeader, 'TN,THADS tỉnh Thái Nguyên,province,,-1005555555555,'].join('\n'));
    expect(result.issues).toEqual([]);
    expect(await channelRows(handle.db)).toEqual([
      'TN slack C0LEAD01 leaders',
      'TN telegram -1005555555555 unit',
      'TN-DS telegram -1001234567890 unit',
      'TN-HT slack C0HT0001 unit',
    ]);
    // The same file again changes nothing; a file naming the leaders' group as the unit's own moves it.
    await run(handle.db, 'units', [unitsHeader, 'TN,THADS tỉnh Thái Nguyên,province,,-1005555555555,'].join('\n'));
    await run(handle.db, 'units', [unitsHeader, 'TN,THADS tỉnh Thái Nguyên,province,,-1005555555555,C0LEAD01'].join('\n'));
    expect((await channelRows(handle.db)).filter((r) => r.startsWith('TN '))).toEqual(['TN slack C0LEAD01 unit', 'TN telegram -1005555555555 unit']);
  });

  it('writes nothing on a dry run', async () => {
    const before = await channelRows(handle.db);
    await run(handle.db, 'units', [unitsHeader, 'TN-DS,Đông Sơn,local,TN,,C0DS0001'].join('\n'), { dryRun: true });
    expect(await channelRows(handle.db)).toEqual(before);
  });
});

describe('the migration to unit_channels', () => {
  const migrations = fileURLToPath(new URL('../../db/migrations', import.meta.url));
  const journal = JSON.parse(readFileSync(join(migrations, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  let before: string;
  beforeAll(() => {
    // The migrations as they were before this one: the same folder, its journal cut short.
    before = mkdtempSync(join(tmpdir(), 'thads-migrations-'));
    cpSync(migrations, before, { recursive: true });
    const upTo = journal.entries.findIndex((e) => e.tag === '0002_unit_channels');
    writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
    expect(readdirSync(before)).toContain('0001_dialogues.sql');
  });
  afterAll(() => rmSync(before, { recursive: true, force: true }));

  it('moves each unit’s two columns into the table, then drops them', async () => {
    const client = new PGlite();
    try {
      const db = drizzle(client) as unknown as Db;
      await migrate(db as never, { migrationsFolder: before });
      await client.exec(`insert into units (code, name, kind, telegram_chat_id, slack_channel_id) values
        ('P', 'Tỉnh', 'province', '-100', 'CP'), ('L1', 'Một', 'local', '-101', null), ('L2', 'Hai', 'local', null, 'C2'),
        ('L3', 'Ba', 'local', null, null), ('L4', 'Bốn', 'local', '', ''), ('L5', 'Năm', 'local', '-100', null)`);
      await migrate(db as never, { migrationsFolder: migrations });
      expect(await channelRows(db)).toEqual(['L1 telegram -101 unit', 'L2 slack C2 unit', 'L5 telegram -100 unit', 'P slack CP unit', 'P telegram -100 unit']);
      const columns = await queryRows<{ column_name: string }>(
        db,
        sql`select column_name from information_schema.columns where table_name = 'units' and column_name in ('telegram_chat_id', 'slack_channel_id')`,
      );
      expect(columns).toEqual([]);
      expect((await getUnitChannels(db)).map((u) => [u.code, u.destinations.map((d) => d.chatId)])).toEqual([
        ['L1', ['-101']],
        ['L2', ['C2']],
        ['L5', ['-100']],
        ['P', ['-100', 'CP']],
      ]);
    } finally {
      await client.close();
    }
  });
});
