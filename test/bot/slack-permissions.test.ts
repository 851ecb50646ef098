import { slashSpelling, spellCommands } from '../../bot/core/command-ref.ts';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.ts';
import type { SlackApp } from '../../bot/slack/create-app.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { cases, staff } from '../../db/schema.ts';
import { createTestCore } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { linkSlack, createTestSlack, send, textOf } from '../helpers/slack-app.ts';
import { slashCommand } from '../helpers/slack-requests.ts';
import type { SlackCall, SlackStandIn } from '../helpers/slack-stand-in.ts';
import { startSlackStandIn } from '../helpers/slack-stand-in.ts';
import { noCache } from '../../db/result-cache.ts';

// README "Who may do what", cell by cell, asked through `/thads` in a channel of the demo province.
const people = ['provinceLeader', 'unitLeader', 'officer', 'clerk', 'stranger'] as const;
type Who = (typeof people)[number];
const slackUser: Record<Who, { user: string; staff?: string }> = {
  provinceLeader: { user: 'U0CT', staff: 'BH-CT' },
  unitLeader: { user: 'U0TP', staff: 'BH-DS-TP' }, // U is BH-DS
  officer: { user: 'U0CHV', staff: 'BH-DS-CHV01' },
  clerk: { user: 'U0TK', staff: 'BH-DS-TK' },
  stranger: { user: 'U0NOBODY' },
};

type Outcome = 'answered' | 'refused';
const Y: Outcome = 'answered';
const N: Outcome = 'refused';
// Each row: [province leader, unit leader of U, officer of U, clerk of U, not linked]. `{own}` is an
// open case of the officer, `{colleague}` one of another officer of U, `{other}` one of BH-HA.
const table: [string, Outcome[]][] = [
  ['tomtat BH-DS', [Y, Y, Y, Y, N]],
  ['tomtat BH-HA', [Y, N, N, N, N]],
  ['xephang', [Y, Y, N, N, N]],
  ['quahan BH-DS', [Y, Y, Y, N, N]],
  ['quahan BH-HA', [Y, N, N, N, N]],
  ['kiemtra BH-DS', [Y, Y, Y, Y, N]],
  ['kiemtra BH-HA', [Y, N, N, N, N]],
  ['viec', [N, Y, Y, N, N]],
  ['vuviec {own}', [Y, Y, Y, N, N]],
  ['vuviec {colleague}', [Y, Y, N, N, N]],
  ['vuviec {other}', [Y, N, N, N, N]],
  ['capnhat {own}', [N, Y, Y, N, N]],
  ['capnhat {colleague}', [N, Y, N, N, N]],
  ['hanxuly {colleague} 30/12/2026', [Y, Y, N, N, N]],
  ['trogiup', [Y, Y, Y, Y, Y]],
];

/** What the core answers when it refuses (bot/i18n/vi): not linked, not allowed, or a case or unit out of reach. */
const REFUSALS = ['core.link_first', 'core.not_allowed', 'case_not_found', 'unit_not_found', 'cmd.capnhat.not_yours'];
const HOLE = '\u0000';
/** A refusal's text as a pattern, its parameters (a command, a case, a unit) any word. */
const refusalPatterns = REFUSALS.map((key) => {
  const text = spellCommands(t('vi', key, { command: `/${HOLE}`, case: HOLE, unit: HOLE }), slashSpelling);
  const parts = text.split(HOLE).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^⚠️ ${parts.join('[\\p{L}\\p{N}_-]+')}$`, 'u');
});
/** The text as the core wrote it: commands as typed on Telegram, &, < and > unescaped. */
const coreTextOf = (call: SlackCall) =>
  textOf(call).replace(/\/thads (?=\p{L})/gu, '/').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Refused: a single answer, to the person alone, that is one of the core's refusals; answered:
 * something else came. An internal error (the core's or the adapter's apology) is neither: it fails.
 */
function outcomeOf(calls: SlackCall[]): Outcome {
  const answers = calls.filter((c) => c.method !== 'conversations.open');
  if (answers.length === 0) throw new Error('no answer at all');
  const failed = answers.find((c) => textOf(c).includes(t('vi', 'internal_error')));
  if (failed) throw new Error(`an internal error, not an outcome: ${textOf(failed)}`);
  const refusal = (c: SlackCall) =>
    c.method === 'response_url' && c.body.response_type === 'ephemeral' && refusalPatterns.some((p) => p.test(coreTextOf(c)));
  if (answers.length === 1 && refusal(answers[0]!)) return 'refused';
  const unexplained = answers.find((c) => textOf(c).startsWith('⚠️'));
  if (unexplained) throw new Error(`an error that is no refusal: ${textOf(unexplained)}`);
  return 'answered';
}

describe('outcomeOf, the judge of each cell', () => {
  const ephemeral = (text: string): SlackCall => ({ method: 'response_url', body: { response_type: 'ephemeral', text } });
  it('knows a refusal, and takes an internal error for neither outcome', () => {
    expect(outcomeOf([ephemeral(`⚠️ ${t('vi', 'core.not_allowed', { command: '/thads xephang' })}`)])).toBe('refused');
    expect(outcomeOf([ephemeral(`⚠️ ${t('vi', 'case_not_found', { case: 'BH-DS-2026-0164' })}`)])).toBe('refused');
    expect(() => outcomeOf([ephemeral(`⚠️ ${t('vi', 'internal_error')}`)])).toThrow(/internal error/);
    expect(() => outcomeOf([ephemeral(t('vi', 'internal_error'))])).toThrow(/internal error/);
    expect(() => outcomeOf([ephemeral('⚠️ Chưa đúng cú pháp.')])).toThrow(/no refusal/);
  });
});

describe.each(drivers)('who may do what, through Slack (%s)', (driver) => {
  let handle: TestDb;
  let standIn: SlackStandIn;
  let slack: SlackApp;
  const codes: Record<string, string> = {};
  let n = 0;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    const db = handle.db;
    await seedDemo(db, { today: '2026-11-23', changes: noCache });
    for (const who of people) {
      const { user, staff: code } = slackUser[who];
      if (code) await linkSlack(db, code, user);
    }
    const openCase = async (where: ReturnType<typeof and>) => {
      const [row] = await db
        .select({ code: cases.code })
        .from(cases)
        .innerJoin(staff, eq(staff.id, cases.officerId))
        .where(and(where, eq(cases.status, 'enforcing')))
        .orderBy(cases.code)
        .limit(1);
      return row!.code;
    };
    codes.own = await openCase(eq(staff.code, 'BH-DS-CHV01'));
    codes.colleague = await openCase(and(eq(staff.code, 'BH-DS-CHV02'), ne(cases.code, codes.own)));
    codes.other = await openCase(eq(staff.code, 'BH-HA-CHV01'));
    standIn = await startSlackStandIn();
    slack = createTestSlack(createTestCore(db), standIn);
  });
  afterAll(async () => {
    await slack.stop();
    await standIn.close();
    await handle.close();
  });

  const cells = table.flatMap(([line, row]) => people.map((who, i) => [line, who, row[i]!] as const));
  it.each(cells)('/thads %s by the %s → %s', async (line, who, expected) => {
    const text = line.replace(/\{(\w+)\}/g, (_, name: string) => codes[name]!);
    const id = `perm-${++n}`;
    const { status, calls } = await send(
      slack,
      standIn,
      slashCommand({ user: slackUser[who].user, text, channel: 'C0PERM', trigger: id, responseUrl: standIn.responseUrl(id) }),
    );
    expect(status).toBe(200);
    expect(outcomeOf(calls)).toBe(expected);
    // A refused person learns nothing of the case or unit they asked about.
    if (expected === 'refused') expect(calls.map(textOf).join('\n')).not.toMatch(/Tỷ lệ|Chấp hành viên:|còn phải thi hành/i);
  });
});
