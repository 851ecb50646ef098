import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportKind, importKinds } from '../../db/import/index.ts';
import { createApp } from '../../server/app.ts';
import { loadFixtures, snapshot } from '../fixtures/import/helpers.ts';
import { adminHeaders, createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { findLeak } from './internal-text.ts';
import { faultsSeed, type Random, randomCell, seededRandom } from './random-input.ts';

const ROWS = Number(process.env.FAULTS_CSV_ROWS ?? 10_000);
const driver = drivers.at(-1)!;

/** A valid row of each kind over the fixture (test/fixtures/import), its codes made unique by `n`. */
const validRow: Record<ImportKind, (n: number) => Record<string, string>> = {
  units: (n) => ({ code: `F-${n}`, name: `Đơn vị thử ${n}`, kind: 'local', parent_code: 'TN', telegram_chat_id: '', slack_channel_id: '' }),
  staff: (n) => ({ code: `FS${n}`, full_name: `Cán bộ thử ${n}`, unit_code: 'TN-HT', role: 'officer', telegram_user_id: '', slack_user_id: '', oversees: '' }),
  cases: (n) => ({
    code: `FC-${n}`,
    unit_code: 'TN-HT',
    officer_code: 'HT02',
    decision_no: `${n}/QĐ-CCTHADS`,
    decision_date: '2025-11-02',
    accepted_date: '2025-11-03',
    amount: String(1_000_000 + n),
    status: 'enforcing',
    status_date: '2025-11-03',
    verified_on: '',
    due_date: '',
    flags: '',
  }),
  collections: (n) => ({ case_code: 'HT-001', date: '2026-01-15', amount: String(1 + (n % 7)) }),
  targets: (n) => ({ unit_code: 'TN-HT', officer_code: '', work_year: String(2000 + (n % 100)), cases_rate: '85', money_rate: '50.5', carried_cases_cut: '5', carried_money_cut: '5' }),
  inspections: (n) => ({ code: `FK-${n}`, unit_code: 'TN-HT', kind: 'thematic', concluded_on: '2026-04-20', title: `Kiểm tra thử ${n}` }),
  findings: (n) => ({ code: `FK1-${n}`, inspection_code: 'KT-2026-01', description: `Thiếu sót ${n}`, remedy: 'Khắc phục', responsible_code: '', due_date: '2026-06-30', status: 'open' }),
};

/** A file of `rows` rows of `kind`: cells mangled at `noise` (a clean file now and then), a column dropped or added rarely. */
function randomFile(random: Random, kind: ImportKind, rows: number, first: number, noise: number): string {
  const columns = Object.keys(validRow[kind](0));
  const header = random.chance(0.02) ? columns.slice(0, -1) : random.chance(0.02) ? [...columns, 'extra'] : columns;
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const valid = validRow[kind](first + i);
    lines.push(columns.map((c) => (random.chance(noise) ? randomCell(random, valid[c]!) : valid[c]!)).join(','));
  }
  return lines.join(random.chance(0.2) ? '\r\n' : '\n') + (random.chance(0.5) ? '\n' : '');
}

type Refusal = { error?: string; message?: string; issues?: { line: number; column: string; code: string; message: string }[] };

describe(`${ROWS} random CSV rows through POST /api/import on ${driver}`, () => {
  let handle: TestDb;
  const seed = faultsSeed();
  beforeAll(async () => {
    console.log(`[faults] random CSV: FAULTS_SEED=${seed}`);
    handle = await openTestDb(driver);
    await loadFixtures(handle.db);
  });
  afterAll(() => handle.close());

  it('never a 5xx; a refused file changes nothing and says why, line by line, in plain words', async () => {
    const random = seededRandom(seed);
    const { deps, logs } = createTestDeps(handle, { LOG_LEVEL: 'debug' });
    const app = createApp(deps);
    const failures: string[] = [];
    const tally = { files: 0, accepted: 0, refused: 0 };
    let before = await snapshot(handle.db);
    for (let done = 0; done < ROWS && failures.length < 10; ) {
      const kind = random.pick(importKinds);
      const rows = Math.min(ROWS - done, 1 + random.int(200));
      const noise = random.pick([0, 0.002, 0.02, 0.1, 0.4]);
      const body = randomFile(random, kind, rows, done, noise);
      done += rows;
      tally.files++;
      const language = random.pick(['vi', 'en']);
      const res = await app.request(`/api/import/${kind}${random.chance(0.1) ? '?dry_run=1' : ''}`, {
        method: 'POST',
        headers: adminHeaders({ 'Content-Type': 'text/csv', 'Accept-Language': language }),
        body,
      });
      const at = `file ${tally.files} (${kind}, ${rows} rows, noise ${noise})`;
      const answer = (await res.json()) as Refusal;
      const after = await snapshot(handle.db);
      if (res.status === 200) {
        tally.accepted++;
        before = after;
        continue;
      }
      tally.refused++;
      if (res.status >= 500 || res.status !== 422) failures.push(`${at}: answered ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
      if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${at}: refused, yet the database changed`);
      if (!answer.message?.trim() || !answer.issues?.length) failures.push(`${at}: refused without a reason: ${JSON.stringify(answer).slice(0, 300)}`);
      for (const issue of answer.issues ?? []) {
        const leak = findLeak(issue.message, body);
        if (!issue.message.trim() || !(issue.line >= 1)) failures.push(`${at}: an issue without its message or line: ${JSON.stringify(issue)}`);
        else if (leak) failures.push(`${at}: ${leak} in ${JSON.stringify(issue)}`);
      }
    }
    const errors = logs.filter((l) => (l.level as number) >= 50);
    console.log(`[faults] random CSV: ${ROWS} rows in ${tally.files} files, ${tally.accepted} accepted, ${tally.refused} refused, ${failures.length} failures (FAULTS_SEED=${seed})`);
    expect(failures, `FAULTS_SEED=${seed}`).toEqual([]);
    expect(errors, `FAULTS_SEED=${seed}`).toEqual([]);
  });
});
