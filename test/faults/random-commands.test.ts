import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import type { Platform } from '../../bot/core/command.ts';
import { takeTurn } from '../../bot/core/turn.ts';
import { renderPlain } from '../../bot/render/plain.ts';
import { renderSlack } from '../../bot/slack/render.ts';
import { renderTelegram } from '../../bot/telegram/render.ts';
import { queryRows } from '../../db/client.ts';
import { createApp } from '../../server/app.ts';
import { loadFixtures } from '../fixtures/import/helpers.ts';
import { captureBot, textUpdate } from '../bot/telegram-fixture.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { createTestCore } from '../helpers/core.ts';
import { type Driver, drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { findLeak } from './internal-text.ts';
import { faultsSeed, randomCommandLine, seededRandom } from './random-input.ts';

const LINES = Number(process.env.FAULTS_COMMANDS ?? 10_000);
const WEBHOOK_SAMPLE = Number(process.env.FAULTS_WEBHOOK_SAMPLE ?? 500);
// Production's driver where there is one: the one whose errors differ from PGlite's.
const driver = drivers.at(-1)!;

/** Who types: the fixture's staff on the platform they are linked on (staff.csv), and a stranger. */
const people: { account: string; platform: Platform }[] = [
  { account: '111111', platform: 'telegram' }, // LD01, province head
  { account: '333333', platform: 'telegram' }, // HT02, officer
  { account: 'U0HT01', platform: 'slack' }, // HT01, unit head
  { account: 'U0LD01', platform: 'slack' }, // LD01 again
  { account: 'HT02', platform: 'console' },
  { account: '999999', platform: 'telegram' }, // nobody
];

/** Rows a refused command must not have written, counted in one statement. */
const written = sql`select (select count(*) from collections)::int + (select count(*) from case_status_history)::int
  + (select count(*) from audit_log)::int + (select count(*) from notes)::int + (select count(*) from verifications)::int
  + (select count(*) from chat_identities)::int + (select count(*) from questions)::int as n`;

/** One lane of the run: its own database, its own stream of lines; returns the failures and refusals. */
async function runLane(driver: Driver, seed: number, lane: number, lines: number): Promise<{ failures: string[]; refusals: number; errors: unknown[] }> {
  const handle = await openTestDb(driver);
  try {
    await loadFixtures(handle.db);
    const random = seededRandom(seed + lane * 7919);
    const core = createTestCore(handle.db);
    const count = async () => (await queryRows<{ n: number }>(handle.db, written))[0]!.n;
    const failures: string[] = [];
    let refusals = 0;
    for (let i = 0; i < lines && failures.length < 10; i++) {
      const text = randomCommandLine(random);
      const who = random.pick(people);
      const isPrivate = random.chance(0.7);
      const before = await count();
      const turn = await takeTurn(
        core,
        { platform: who.platform, account: who.account, chat: { id: isPrivate ? who.account : '-100777', isPrivate }, inboundId: who.platform === 'console' ? undefined : `fuzz-${i}` },
        { kind: 'text', text, slash: who.platform === 'slack' && random.chance(0.5) },
      ).catch((error: unknown) => ({ kind: 'thrown' as const, error }));
      const at = `lane ${lane} line ${i} ${JSON.stringify(text.slice(0, 200))} by ${who.platform}:${who.account}`;
      if (turn.kind === 'thrown') {
        failures.push(`${at}: threw ${String(turn.error)}`);
        continue;
      }
      if (turn.kind !== 'replies') continue;
      if (isPrivate && turn.outgoing.length === 0) failures.push(`${at}: no answer in a private chat`);
      for (const { reply } of turn.outgoing) {
        const plain = renderPlain(reply);
        renderTelegram(reply);
        renderSlack(reply, turn.locale);
        const leak = findLeak(plain, text);
        if (plain.trim() === '') failures.push(`${at}: an empty reply`);
        else if (leak) failures.push(`${at}: ${leak} in ${JSON.stringify(plain.slice(0, 300))}`);
      }
      const refused = turn.outgoing.length > 0 && turn.outgoing.every((o) => o.reply.tone === 'error');
      if (refused) {
        refusals++;
        const after = await count();
        if (after !== before) failures.push(`${at}: refused, yet wrote ${after - before} rows`);
      }
    }
    return { failures, refusals, errors: core.logs.filter((l) => (l as { level: number }).level >= 50) };
  } finally {
    await handle.close();
  }
}

describe(`${LINES} random command lines through the command core on ${driver}`, () => {
  let handle: TestDb;
  const seed = faultsSeed();
  beforeAll(async () => {
    console.log(`[faults] random commands: FAULTS_SEED=${seed}`);
    handle = await openTestDb(driver);
    await loadFixtures(handle.db);
  });
  afterAll(() => handle.close());

  it('answer each with an explanation, never an error of ours or internal text, and write nothing when refusing', async () => {
    // PostgreSQL serves several lanes at once, each on its own database so that its counts are its own.
    const lanes = driver === 'postgres' ? Number(process.env.FAULTS_LANES ?? 4) : 1;
    const results = await Promise.all(Array.from({ length: lanes }, (_, lane) => runLane(driver, seed, lane, Math.ceil(LINES / lanes))));
    const failures = results.flatMap((r) => r.failures);
    const refusals = results.reduce((n, r) => n + r.refusals, 0);
    console.log(`[faults] random commands: ${LINES} lines in ${lanes} lanes, ${refusals} refused, ${failures.length} failures (FAULTS_SEED=${seed})`);
    expect(failures, `FAULTS_SEED=${seed}`).toEqual([]);
    expect(results.flatMap((r) => r.errors), `FAULTS_SEED=${seed}`).toEqual([]);
  });

  it(`through the real webhook: ${WEBHOOK_SAMPLE} random updates answered 200, each once, no internal text`, async () => {
    const random = seededRandom(seed + 1);
    const env = { TELEGRAM_BOT_TOKEN: '7000001:TEST', TELEGRAM_WEBHOOK_SECRET: 'webhook-secret_0123456789', LOG_LEVEL: 'debug' as const };
    const { deps, logs } = createTestDeps(handle, env);
    const telegram = captureBot({ deps, commands });
    const app = createApp(deps, { telegramBot: telegram.bot });
    const failures: string[] = [];
    const users = [111111, 333333, 999999];
    for (let i = 0; i < WEBHOOK_SAMPLE && failures.length < 10; i++) {
      const text = randomCommandLine(random);
      const update = textUpdate(50_000_000 + i, random.pick(users), text);
      const post = () =>
        app.request('/telegram/webhook', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': env.TELEGRAM_WEBHOOK_SECRET },
          body: JSON.stringify(update),
        });
      const sentBefore = telegram.sent().length;
      const res = await post();
      await telegram.bot.settle();
      const sent = telegram.sent().slice(sentBefore);
      // Telegram resends an update it had no 2xx for, or thinks it had none: the resend says nothing.
      const again = random.chance(0.1) ? await post() : undefined;
      await telegram.bot.settle();
      const at = `update ${update.update_id} ${JSON.stringify(text.slice(0, 200))}`;
      if (res.status !== 200) failures.push(`${at}: answered ${res.status}`);
      if (again && (again.status !== 200 || telegram.sent().length !== sentBefore + sent.length)) failures.push(`${at}: the resend was handled again`);
      for (const call of sent) {
        const leak = findLeak(String(call.payload.text ?? ''), text);
        if (leak) failures.push(`${at}: ${leak} in ${JSON.stringify(String(call.payload.text).slice(0, 300))}`);
      }
    }
    const errors = logs.filter((l) => (l.level as number) >= 50);
    console.log(`[faults] random webhook updates: ${WEBHOOK_SAMPLE}, ${telegram.sent().length} messages sent, ${failures.length} failures (FAULTS_SEED=${seed})`);
    expect(failures, `FAULTS_SEED=${seed}`).toEqual([]);
    expect(errors, `FAULTS_SEED=${seed}`).toEqual([]);
  });
});
