import type { HomeView, KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../bot/core/dispatch.ts';
import { t } from '../../bot/i18n/index.ts';
import { renderSlack } from '../../bot/slack/render.ts';
import { buildHomeView, HOME_CASES } from '../../bot/slack/home.ts';
import { listReportableCases } from '../../db/case-list.ts';
import type { Db } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { getPersonByCode, type Person } from '../../db/identity.ts';
import { staff } from '../../db/schema.ts';
import { createTestCore } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase } from '../helpers/fixtures.ts';
import { noCache } from '../../db/result-cache.ts';

const mrkdwn = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => ('text' in e ? e.text : '')) : []));

/** What Slack would refuse in a Home tab: over 100 blocks, long sections, unescaped text, duplicate action ids. */
function expectValid(view: HomeView): void {
  expect(view.type).toBe('home');
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  const blocks = view.blocks as KnownBlock[];
  for (const text of mrkdwn(blocks)) {
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).not.toMatch(/[<>]/);
  }
  const ids = blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => (e as { action_id: string }).action_id) : []));
  expect(new Set(ids).size).toBe(ids.length);
}

/** The one section listing cases: the lines starting with a code in backticks, or with the ⚠️ mark. */
const caseLines = (view: HomeView) =>
  mrkdwn(view.blocks as KnownBlock[])
    .filter((s) => /^(⚠️ )?`/.test(s))
    .flatMap((s) => s.split('\n'));

describe.each(drivers)('the App Home on %s', (driver) => {
  let handle: TestDb;
  let db: Db;
  let core: ReturnType<typeof createTestCore>;
  const person = async (code: string) => (await getPersonByCode(db, code))!;
  const today = '2026-11-23';

  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    await seedDemo(db, { today, changes: noCache });
    core = createTestCore(db);
    const [chv] = await db.select({ id: staff.id, unitId: staff.unitId }).from(staff).where(eq(staff.code, 'BH-DS-CHV01'));
    // A leader's deadline passed three days ago, and one still ahead: both come first.
    await addCase(db, { code: 'BH-DS-H-1', unitId: chv!.unitId, officerId: chv!.id, accepted: '2026-11-10', amount: 10_000_000, dueDate: '2026-11-20' });
    await addCase(db, { code: 'BH-DS-H-2', unitId: chv!.unitId, officerId: chv!.id, accepted: '2026-11-10', amount: 0, dueDate: '2026-12-01' });
  });
  afterAll(() => handle.close());

  it('tells someone not linked how to link, in both languages', async () => {
    const vi = await buildHomeView(core, null, 'vi');
    expectValid(vi);
    expect(vi.blocks[0]).toMatchObject({ type: 'header', text: { text: t('vi', 'views.home.welcome') } });
    const text = mrkdwn(vi.blocks as KnownBlock[]).join('\n');
    expect(text).toContain('`/thads lienket &lt;mã&gt;`');
    expect(text).toContain('`thads link-code &lt;mã cán bộ&gt;`');
    // Linking is personal: in the app's DM (its Messages tab), not in a channel.
    expect(text).toContain('tin nhắn riêng với ứng dụng này (thẻ Tin nhắn');
    expect(text).not.toContain('bất kỳ kênh nào');
    expect(JSON.stringify(vi.blocks)).not.toContain('actions');
    const en = await buildHomeView(core, null, 'en');
    expect(mrkdwn(en.blocks as KnownBlock[]).join('\n')).toContain('`/thads lienket &lt;code&gt;`');
    expect(mrkdwn(en.blocks as KnownBlock[]).join('\n')).toContain('direct messages with this app (the Messages tab');
  });

  it('shows an officer their own open cases, nearest deadline first and overdue marked, and a report button', async () => {
    const officer = await person('BH-DS-CHV01');
    const view = await buildHomeView(core, officer, 'vi');
    expectValid(view);
    expect(view.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Xin chào, Bùi Văn Hải' } });
    const mine = await listReportableCases(db, officer, today, core.deps.numbers);
    const lines = caseLines(view);
    // A leader's deadline first (H-1's has passed), then the law's time limits (H-1 is 3 working days past its decision).
    expect(lines[0]).toBe('⚠️ `BH-DS-H-1` · hạn 20/11/2026 đã qua · quá hạn 3 ngày · còn 10 triệu đồng');
    expect(lines).toContain('`BH-DS-H-2` · hạn 01/12/2026');
    const listed = lines.slice(0, Math.min(HOME_CASES, mine.length));
    expect(listed.map((l) => /`([^`]+)`/.exec(l)![1])).toEqual(mine.slice(0, HOME_CASES).map((c) => c.code));
    listed.forEach((line, i) => {
      const c = mine[i]!;
      expect(line.startsWith('⚠️ ')).toBe(c.daysOverdue !== null || (c.dueDate !== null && c.dueDate < today));
      if (c.daysOverdue !== null) expect(line).toContain(`quá hạn ${c.daysOverdue} ngày`);
    });
    expect(mine.some((c) => c.daysOverdue !== null && c.dueDate === null)).toBe(true);
    expect(mrkdwn(view.blocks as KnownBlock[])).toContain(`*Việc bạn đang giải quyết: ${mine.length}*`);
    const actions = view.blocks.filter((b) => b.type === 'actions');
    expect(actions[0]).toEqual({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'cmd:home-update', text: { type: 'plain_text', text: 'Cập nhật tiến độ', emoji: true }, value: 'capnhat', style: 'primary' }],
    });
  });

  it('lists twenty of a unit leader’s cases and counts the rest', async () => {
    const leader = await person('BH-DS-TP');
    const view = await buildHomeView(core, leader, 'vi');
    expectValid(view);
    const mine = await listReportableCases(db, leader, today, core.deps.numbers);
    expect(mine.length).toBeGreaterThan(HOME_CASES);
    const lines = mrkdwn(view.blocks as KnownBlock[]).find((s) => s.includes('`BH-DS-'))!.split('\n');
    expect(lines).toHaveLength(HOME_CASES + 1);
    expect(lines.at(-1)).toBe(`và ${mine.length - HOME_CASES} việc khác (gõ /thads viec để xem cả danh sách).`);
    expect(mrkdwn(view.blocks as KnownBlock[])).toContain(`*Việc đang giải quyết của đơn vị: ${mine.length}*`);
  });

  it('shows the unit’s summary exactly as the tomtat command renders it', async () => {
    for (const code of ['BH-DS-CHV01', 'BH-DS-TK', 'BH-CT']) {
      const who: Person = await person(code);
      const view = await buildHomeView(core, who, 'vi');
      expectValid(view);
      const [out] = await dispatch(core, { text: 'tomtat', person: who, locale: 'vi', chat: { platform: 'slack', id: 'D1', isPrivate: true }, account: { platform: 'slack', externalId: 'U1' } });
      const command = renderSlack(out!.reply, 'vi').blocks.filter((b) => b.type !== 'actions');
      const at = (view.blocks as KnownBlock[]).findIndex((b) => b.type === 'header' && b.text.text === (command[0] as { text: { text: string } }).text.text);
      expect(at).toBeGreaterThan(0);
      expect(view.blocks.slice(at, at + command.length)).toEqual(command);
    }
  });

  it('gives staff without a caseload the summary alone, and speaks English when asked', async () => {
    const clerk = await person('BH-DS-TK');
    const view = await buildHomeView(core, clerk, 'vi');
    expect(view.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(caseLines(view)).toEqual([]);
    // The province's head holds no case of the province unit in the demo: no empty list either.
    const head = await buildHomeView(core, await person('BH-CT'), 'vi');
    expect(mrkdwn(head.blocks as KnownBlock[]).some((s) => s.includes(t('vi', 'views.home.no_cases')))).toBe(false);
    expect(head.blocks.some((b) => b.type === 'actions')).toBe(false);
    const en = await buildHomeView(core, await person('BH-DS-CHV01'), 'en');
    expectValid(en);
    expect(en.blocks[0]).toMatchObject({ text: { text: 'Hello, Bùi Văn Hải' } });
    expect(caseLines(en)[0]).toBe('⚠️ `BH-DS-H-1` · deadline 20 Nov 2026 passed · 3 days overdue · 10 mn ₫ owed');
    expect(mrkdwn(en.blocks as KnownBlock[])).toContain("*Your unit's enforcement figures*");
  });
});
