/**
 * The Node side of `npm run test:worker`: a throwaway PostgreSQL database, migrated and seeded
 * (a province and a local unit with their groups), and the API recorder. Made once by the
 * config (the worker's bindings name both) and removed by the global teardown; kept on
 * globalThis because the two load this module separately.
 */
import postgres from 'postgres';
import { createDb } from '../../db/client.ts';
import { addCase, addStaff, addUnit, setChannels } from '../helpers/fixtures.ts';
import { type ApiRecorder, startApiRecorder } from './api-recorder.ts';

export interface WorkerTestSetup {
  /** What the worker's Hyperdrive binding points at (it must carry a password). */
  databaseUrl: string;
  recorder: ApiRecorder;
  drop(): Promise<void>;
}

const SERVER = process.env.WORKER_TEST_POSTGRES ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const M = 1_000_000;
const PREFIX = 'thads_worker_test_';

/**
 * The databases of earlier runs. Not dropped at the end of a run: the worker's connections
 * are never ended (db/postgres.ts) and stay open through miniflare's Hyperdrive proxy until the
 * process exits; forcing them closed makes the proxy throw an unhandled ECONNRESET.
 */
async function dropLeftovers(admin: postgres.Sql): Promise<void> {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${PREFIX}%`}`;
  for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
}
const KEY = Symbol.for('thads.worker-test-setup');
type Holder = { [KEY]?: Promise<WorkerTestSetup> };

export function prepareWorkerTest(): Promise<WorkerTestSetup> {
  const holder = globalThis as Holder;
  holder[KEY] ??= prepare();
  return holder[KEY];
}

export function preparedWorkerTest(): Promise<WorkerTestSetup> | undefined {
  return (globalThis as Holder)[KEY];
}

async function prepare(): Promise<WorkerTestSetup> {
  const name = `${PREFIX}${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
  await dropLeftovers(admin);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const handle = await createDb({ databaseUrl, pgliteDir: 'memory://' });
  try {
    const p = await addUnit(handle.db, 'P', 'province');
    const l1 = await addUnit(handle.db, 'L1', 'local', 'P');
    await setChannels(handle.db, 'P', { telegram: '-100900' });
    await setChannels(handle.db, 'L1', { telegram: '-100901', slack: 'C901' });
    const officer = await addStaff(handle.db, 'L1-CHV01', l1);
    await addCase(handle.db, { unitId: l1, officerId: officer, code: 'C1', accepted: '2026-10-05', amount: 100 * M, verifiedOn: '2026-10-08' });
    void p;
  } finally {
    await handle.close();
  }
  const recorder = await startApiRecorder();
  return {
    databaseUrl,
    recorder,
    async drop() {
      await recorder.close();
      await admin.end({ timeout: 5 });
    },
  };
}
