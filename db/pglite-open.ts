import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

// PostgreSQL's default 128 MB of shared buffers is allocated and touched in PGlite's WASM
// memory at open: 16 MB takes the idle server from about 400 to about 280 MB resident (issue
// 15); the operating system's page cache still holds the data files for re-reads.
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * Opens PGlite in `dir` (in memory when undefined). A directory it had to create (initdb) is
 * closed and opened again: the first open keeps about 400 MB of initdb's work resident for as
 * long as it stays open, a second open of the same files does not.
 */
export async function openPgliteClient(dir: string | undefined): Promise<PGlite> {
  if (dir === undefined) return ready(new PGlite({ startParams: START_PARAMS }));
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  const client = await ready(new PGlite(dir, { startParams: START_PARAMS }));
  if (!fresh) return client;
  await client.close();
  return ready(new PGlite(dir, { startParams: START_PARAMS }));
}

async function ready(client: PGlite): Promise<PGlite> {
  await client.waitReady;
  return client;
}
