import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle, queryRows } from '../../db/client.ts';
import { DatabaseInUseError } from '../../db/pglite-lock.ts';
import { chooseSocketPath, recordPathFor } from '../../db/pglite-server-record.ts';
import { createResultCache } from '../../db/result-cache.ts';

// createDb's two sides of a shared directory: the holder that serves it, and a client that is let
// in through the record beside it, or refused (as before) when that record is stale.

const root = mkdtempSync(join(tmpdir(), 'thads-share-'));
const dir = join(root, 'pglite');
// A pid no process has: far above any kernel's pid_max.
const DEAD_PID = 2 ** 30;

describe('a PGlite directory served by the process that holds it', () => {
  let server: DbHandle;
  beforeAll(async () => {
    server = await createDb({ pgliteDir: dir });
    await server.db.execute(sql`create table probe (id serial primary key, who text not null)`);
  }, 120_000);
  afterAll(async () => {
    await server?.close().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  });
  const probe = async () => (await queryRows<{ who: string }>(server.db, sql`select who from probe order by id`)).map((r) => r.who);

  it('refuses a client while not served, and ignores a stale record meanwhile', async () => {
    await expect(createDb({ pgliteDir: dir, throughRunningServer: true })).rejects.toThrow(DatabaseInUseError);
    // A dead server's record, and one of a live process whose socket is gone: both refused as before.
    for (const record of [{ pid: DEAD_PID, socket: `${dir}.sock` }, { pid: process.pid, socket: join(root, 'gone.sock') }]) {
      writeFileSync(recordPathFor(dir), JSON.stringify(record));
      await expect(createDb({ pgliteDir: dir, throughRunningServer: true })).rejects.toThrow(DatabaseInUseError);
    }
  });

  it('lets a client in through its socket (owner-only), a server never, and removes its record and socket at close', async () => {
    const share = await server.shareWithLocalClients!(createResultCache({ keep: true }));
    expect(share.socketPath).toBe(`${dir}.sock`);
    expect(statSync(share.socketPath).mode & 0o777).toBe(0o600);
    await expect(createDb({ pgliteDir: dir })).rejects.toThrow(DatabaseInUseError);
    const client = await createDb({ pgliteDir: dir, throughRunningServer: true });
    try {
      expect(client.viaServer).toEqual({ pid: process.pid, socket: share.socketPath });
      expect(client.driver).toBe('postgres');
      await client.db.execute(sql`insert into probe (who) values ('client')`);
      expect(await probe()).toEqual(['client']);
    } finally {
      await client.close();
    }
    await server.close();
    expect(existsSync(recordPathFor(dir))).toBe(false);
    expect(existsSync(share.socketPath)).toBe(false);
  });

  it('once the holder is gone, opens the directory itself whatever record a dead server left', async () => {
    writeFileSync(recordPathFor(dir), JSON.stringify({ pid: DEAD_PID, socket: `${dir}.sock` }));
    writeFileSync(`${dir}.lock`, String(DEAD_PID));
    const alone = await createDb({ pgliteDir: dir, throughRunningServer: true });
    try {
      expect(alone.driver).toBe('pglite');
      expect(alone.viaServer).toBeUndefined();
      expect((await queryRows<{ who: string }>(alone.db, sql`select who from probe`)).map((r) => r.who)).toEqual(['client']);
    } finally {
      await alone.close();
    }
  });
});

describe('the socket\'s place', () => {
  it('is beside the directory, or in a private temporary directory when that path is too long for a socket', () => {
    expect(chooseSocketPath('/srv/thads/data/pglite')).toBe('/srv/thads/data/pglite.sock');
    const long = chooseSocketPath(`/srv/${'a'.repeat(120)}/pglite`);
    try {
      expect(long.startsWith(tmpdir())).toBe(true);
      expect(statSync(dirname(long)).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(dirname(long), { recursive: true, force: true });
    }
  });
});
