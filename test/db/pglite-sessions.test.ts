import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PgliteShare, sharePglite } from '../../db/pglite-share.ts';
import { createResultCache } from '../../db/result-cache.ts';

// The one-session rule of a shared PGlite, with real sockets and postgres.js: the server's own
// queries (pg.query, pg.transaction, what drizzle calls) beside clients' transactions.

const root = mkdtempSync(join(tmpdir(), 'thads-sessions-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const connect = (path: string) =>
  postgres({ path, max: 1, user: 'postgres', database: 'postgres', prepare: false, onnotice: () => {} });

/** Settles to 'pending' if `promise` has not settled within `ms`. */
async function stateAfter(promise: Promise<unknown>, ms: number): Promise<'pending' | 'settled'> {
  return Promise.race([promise.then(() => 'settled' as const, () => 'settled' as const), sleep(ms).then(() => 'pending' as const)]);
}

/** A client transaction that writes, lets `during` start, writes again and is refused half-way. */
async function refusedClientTransaction(sql: postgres.Sql, during: () => Promise<unknown>) {
  let running: Promise<unknown> | undefined;
  const refused = sql
    .begin(async (tx) => {
      await tx`insert into probe (who) values ('client-1')`;
      running = during();
      expect(await stateAfter(running, 300)).toBe('pending');
      await tx`insert into probe (who) values ('client-2')`;
      throw new Error('row 3 is wrong: nothing is imported');
    })
    .catch((error: Error) => error.message);
  expect(await refused).toBe('row 3 is wrong: nothing is imported');
  return running!;
}

describe('pglite-socket as published, for the record', () => {
  it('runs the server\'s own query inside a client\'s transaction, so its rollback takes the server\'s write', async () => {
    const pg = new PGlite();
    await pg.exec('create table probe (id serial primary key, who text not null)');
    const server = new PGLiteSocketServer({ db: pg, path: join(root, 'stock.sock') });
    await server.start();
    const sql = connect(join(root, 'stock.sock'));
    try {
      const refused = sql.begin(async (tx) => {
        await tx`insert into probe (who) values ('client')`;
        await pg.query(`insert into probe (who) values ('server')`); // ran at once, inside the client's transaction
        throw new Error('refused');
      });
      await expect(refused).rejects.toThrow('refused');
      expect((await pg.query('select who from probe')).rows).toEqual([]); // the server's write is gone
    } finally {
      await sql.end({ timeout: 1 });
      await server.stop();
      await pg.close();
    }
  });
});

describe('a PGlite shared one exchange at a time', () => {
  let pg: PGlite;
  let share: PgliteShare;
  const cache = createResultCache({ keep: true });
  const stalled: number[] = [];
  beforeAll(async () => {
    pg = new PGlite();
    await pg.exec('create table probe (id serial primary key, who text not null)');
    share = await sharePglite(pg, join(root, 'db'), { changes: cache, idleMs: 1_000 });
  });
  afterAll(async () => {
    await share.stop();
    await pg.close();
    rmSync(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await pg.exec('truncate probe restart identity');
    stalled.length = 0;
  });
  const rows = async () => (await pg.query<{ who: string }>('select who from probe order by id')).rows.map((r) => r.who);

  it('holds the server\'s queries until a client\'s transaction ends, and its rollback takes none of them', async () => {
    const sql = connect(share.socketPath);
    try {
      const server = await refusedClientTransaction(sql, async () => {
        await pg.query(`insert into probe (who) values ('server')`);
        return (await pg.query<{ n: number }>('select count(*)::int as n from probe')).rows[0]!.n;
      });
      expect(await server).toBe(1); // after the rollback: the server's row alone
      expect(await rows()).toEqual(['server']);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('holds a client\'s statements until a server transaction ends, and the server\'s rollback takes none of them', async () => {
    const sql = connect(share.socketPath);
    try {
      let client: Promise<unknown> | undefined;
      const refused = pg.transaction(async (tx) => {
        await tx.query(`insert into probe (who) values ('server-1')`);
        client = sql`insert into probe (who) values ('client')`;
        expect(await stateAfter(client, 300)).toBe('pending');
        await tx.query(`insert into probe (who) values ('server-2')`);
        throw new Error('server refused');
      });
      await expect(refused).rejects.toThrow('server refused');
      await client;
      expect(await rows()).toEqual(['client']);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('never interleaves two clients\' transactions', async () => {
    const [a, b] = [connect(share.socketPath), connect(share.socketPath)];
    try {
      const write = (sql: postgres.Sql, who: string) =>
        sql.begin(async (tx) => {
          for (let i = 1; i <= 3; i++) {
            await tx`insert into probe (who) values (${`${who}-${i}`})`;
            await sleep(20);
          }
        });
      await Promise.all([write(a, 'a'), write(b, 'b')]);
      const order = await rows();
      expect(order).toHaveLength(6);
      expect([order.slice(0, 3).join(), order.slice(3).join()].sort()).toEqual(['a-1,a-2,a-3', 'b-1,b-2,b-3']);
    } finally {
      await Promise.all([a.end({ timeout: 1 }), b.end({ timeout: 1 })]);
    }
  });

  it('rolls back a client that goes away in a transaction, and one that falls silent in it', async () => {
    const gone = connect(share.socketPath);
    let inGone!: () => void;
    const goneEntered = new Promise<void>((resolve) => (inGone = resolve));
    const left = gone.begin(async (tx) => {
      await tx`insert into probe (who) values ('gone')`;
      inGone();
      await sleep(10_000);
    });
    left.catch(() => {});
    await goneEntered;
    await gone.end({ timeout: 0 });
    await left.catch(() => {});
    expect(await rows()).toEqual([]);

    const silent = connect(share.socketPath);
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const stuck = silent.begin(async (tx) => {
      await tx`insert into probe (who) values ('silent')`;
      inside();
      await sleep(3_000);
    });
    stuck.catch(() => {});
    await entered;
    const server = pg.query(`insert into probe (who) values ('server')`);
    expect(await stateAfter(server, 300)).toBe('pending');
    await server; // within idleMs (1 s) the silent client is cut off
    await expect(stuck).rejects.toThrow();
    expect(await rows()).toEqual(['server']);
    await silent.end({ timeout: 0 });
  });

  it('tells the cache after each client exchange that ran a statement', async () => {
    const sql = connect(share.socketPath);
    try {
      await sql`select 1`;
      const before = cache.version('figures');
      await sql.begin(async (tx) => {
        await tx`insert into probe (who) values ('client')`;
        expect(cache.version('figures')).toBe(before); // not while the transaction is open
      });
      expect(cache.version('figures')).toBe(before + 1);
      expect(cache.version('people')).toBeGreaterThan(0);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
