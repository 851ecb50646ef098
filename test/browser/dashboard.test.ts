import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatMoney, placeName } from '../../bot/format.ts';
import { RESULT_ROWS, rowLabel } from '../../bot/report/results-rows.ts';
import { getPersonByCode } from '../../db/identity.ts';
import { getRanking } from '../../db/numbers/ranking.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import { issueSignInLink } from '../../db/sign-in-links.ts';
import { todayIn } from '../../db/work-year.ts';
import { type RunningServer, startServer } from '../../server/start.ts';
import { firstCaseOf } from '../helpers/fixtures.ts';
import { load, rowLabelled } from '../helpers/workbook.ts';

// The pages in a real browser (Debian's Chromium driven by playwright-core) against a real
// server: `startServer` on a free port, embedded PGlite in a temporary directory, the demo
// province loaded. `npm run test:browser`; CHROMIUM_PATH names another Chromium.

const root = mkdtempSync(join(tmpdir(), 'thads-browser-'));
const env = {
  PGLITE_DIR: join(root, 'pglite'),
  DATABASE_URL: '',
  PUBLIC_URL: '',
  PORT: '0',
  HOST: '127.0.0.1',
  SEED_DEMO: 'always',
  JOBS: 'off',
  LOG_LEVEL: 'silent',
  DEFAULT_LOCALE: 'vi',
};
// What the checks read inside the page (this project compiles without the DOM's types).
interface PageBox {
  scrollWidth: number;
  clientWidth: number;
}
interface PageImage {
  complete: boolean;
  naturalWidth: number;
}
interface PageGlobals {
  innerWidth: number;
  document: {
    scrollingElement: PageBox | null;
    querySelector(selector: string): PageImage | null;
    querySelectorAll(selector: string): Iterable<PageBox>;
  };
}

const BEFORE = '2026-06-30'; // the previous work year: every figure differs from today's

describe('the dashboard in Chromium', () => {
  let running: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let today: string;

  const summary = (unit: string, at: string) => getSummary(running.deps.db, unit, at, running.deps.numbers);
  /** The text of the results table's cell: row `key`, column `column` (0 the label). */
  const cell = (key: string, column: number) => page.locator(`#results tr[data-row="${key}"] td`).nth(column).innerText();

  async function signInLink(staffCode: string): Promise<string> {
    const person = await getPersonByCode(running.deps.db, staffCode);
    if (!person) throw new Error(`no ${staffCode} in the demo`);
    const { token } = await issueSignInLink(running.deps.db, person.staffId, { actor: person.code, channel: 'telegram', now: running.deps.now() });
    return `${running.url}/dang-nhap/${token}`;
  }

  beforeAll(async () => {
    [running, browser] = await Promise.all([
      startServer({ env }),
      chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] }),
    ]);
    expect(running.deps.config.publicUrl).toBe(running.url);
    today = todayIn(running.deps.config.timeZone, running.deps.now());
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('signs a province leader in through a one-time link and its button', async () => {
    const link = await signInLink('BH-CT');
    await page.goto(link);
    await expect(page.locator('h1').innerText()).resolves.toBe('Xác nhận đăng nhập');
    await Promise.all([page.waitForURL(`${running.url}/`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    await expect(page.locator('h1').first().innerText()).resolves.toBe('Xin chào đồng chí Nguyễn Văn Thành');
    // The link is spent: opened again, it says so.
    const again = await context.newPage();
    const res = await again.goto(link);
    expect(res?.status()).toBe(410);
    await again.close();
  });

  it("shows the province's units ranked and the results table, as getRanking and getSummary give them", async () => {
    const ranking = await getRanking(running.deps.db, 'BH', today, running.deps.numbers);
    const rows = page.locator('tr[data-code]');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')))).toEqual(ranking.rows.map((r) => r.code));
    expect(await rows.first().locator('td').nth(1).innerText()).toBe(placeName(ranking.rows[0]!.name));
    const s = await summary('BH', today);
    expect(await page.locator('#results tr[data-row]').count()).toBe(RESULT_ROWS.length + 2);
    expect(await cell('total', 0)).toBe(rowLabel('total', 'vi'));
    expect(await cell('total', 1)).toBe(formatCount(s.cases.total, 'vi'));
    expect(await cell('done', 1)).toBe(formatCount(s.cases.done, 'vi'));
  });

  it('loads the chart image', async () => {
    const img = page.locator('#chart img');
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const el = (globalThis as unknown as PageGlobals).document.querySelector('#chart img');
      return el !== null && el.complete && el.naturalWidth > 0;
    }, undefined, { timeout: 20_000 });
    expect(await img.evaluate((el) => (el as unknown as PageImage).naturalWidth)).toBe(1280);
  });

  it('takes the figures on the date picked in the date picker', async () => {
    const now = await summary('BH', today);
    const then = await summary('BH', BEFORE);
    expect(then.cases.done).not.toBe(now.cases.done);
    await page.locator('input[type=date][name=at]').fill(BEFORE);
    await Promise.all([page.waitForURL(/[?&]at=2026-06-30/), page.locator('form.dates button[type=submit]').click()]);
    expect(await page.locator('input[type=date][name=at]').inputValue()).toBe(BEFORE);
    expect(await cell('done', 1)).toBe(formatCount(then.cases.done, 'vi'));
    expect(await cell('total', 1)).toBe(formatCount(then.cases.total, 'vi'));
  });

  it("opens a unit, downloads its report, and the workbook holds getSummary's numbers", async () => {
    // The ranking's links keep the page's day (README, "Web"): the unit opens on the date picked above.
    await Promise.all([page.waitForURL(`${running.url}/don-vi/BH-DS?at=${BEFORE}`), page.locator('tr[data-code="BH-DS"] a').click()]);
    expect(await page.locator('#unit').getAttribute('data-unit-page')).toBe('BH-DS');
    expect(await page.locator('input[type=date][name=at]').inputValue()).toBe(BEFORE);
    const s = await summary('BH-DS', BEFORE);
    expect(await cell('total', 1)).toBe(formatCount(s.cases.total, 'vi'));

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(download.suggestedFilename()).toMatch(/BH-DS.*\.xlsx$/);
    const workbook = await load(readFileSync(await download.path()));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Kết quả', 'Xếp hạng', 'Việc quá hạn', 'Kiểm tra quá hạn khắc phục']);
    const results = workbook.getWorksheet('Kết quả')!;
    expect(rowLabelled(results, rowLabel('total', 'vi')).getCell(2).value).toBe(s.cases.total);
    expect(rowLabelled(results, rowLabel('done', 'vi')).getCell(4).value).toBe(s.money.done);
  });

  it('as a persona on the demo, an officer records a collection in the web chat, and the dashboard shows the money', async () => {
    const officer = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const chat = await officer.newPage();
    try {
      // Served on loopback with the demo recorded: the signed-out home offers its staff as personas.
      await chat.goto(`${running.url}/`);
      await Promise.all([chat.waitForURL(`${running.url}/`), chat.locator('li[data-staff="BH-DS-CHV01"] button').click()]);
      const moneyDone = () => chat.locator('#results tr[data-row="done"] td').nth(3).innerText();
      const before = await summary('BH-DS', today);
      expect(await moneyDone()).toBe(formatMoney(before.money.done, 'vi'));

      const code = await firstCaseOf(running.deps.db, 'BH-DS-CHV01');
      await chat.goto(`${running.url}/tro-chuyen`);
      const drawn = () => chat.waitForResponse((r) => r.url().startsWith(`${running.url}/tro-chuyen`) && r.request().method() === 'GET');
      const say = async (text: string) => {
        await chat.locator('#chat-text').fill(text);
        await Promise.all([drawn(), chat.locator('#say button[type=submit]').click()]);
      };
      await say(`/capnhat ${code} thu`);
      await say('5 triệu');
      const confirm = chat.locator(`form:has(input[name=action][value="capnhat ${code} thu xacnhan 5000000"]) button`);
      await Promise.all([drawn(), confirm.click()]);
      await expect(chat.locator('#conversation').innerText()).resolves.toContain(`Đã ghi nhận khoản thu 5.000.000 ₫`);

      await chat.goto(`${running.url}/`);
      expect(await moneyDone()).toBe(formatMoney(before.money.done + 5_000_000, 'vi'));
      expect((await summary('BH-DS', today)).money.done).toBe(before.money.done + 5_000_000);
    } finally {
      await officer.close();
    }
  });

  it('fits a phone: no sideways scroll of the page, the tables scroll in their own box', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${running.url}/`);
    const widths = await page.evaluate(() => {
      const { document, innerWidth } = globalThis as unknown as PageGlobals; // runs in the page
      return {
        page: document.scrollingElement!.scrollWidth,
        window: innerWidth,
        boxes: [...document.querySelectorAll('.scroll')].map((box) => ({ scroll: box.scrollWidth, client: box.clientWidth })),
      };
    });
    expect(widths.window).toBe(390);
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    expect(widths.boxes.length).toBeGreaterThan(0);
    for (const box of widths.boxes) expect(box.client).toBeLessThanOrEqual(widths.window);
    // The results table is wider than a phone: it is its box that scrolls.
    expect(widths.boxes.some((box) => box.scroll > box.client)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('signs out: the session is gone and the pages send the browser to the signed-out home', async () => {
    await Promise.all([page.waitForURL(`${running.url}/`), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Đăng nhập');
    expect((await context.cookies()).map((c) => c.name)).not.toContain('thads_session');
    await page.goto(`${running.url}/don-vi/BH`);
    expect(page.url()).toBe(`${running.url}/`);
    expect(await page.locator('tr[data-row]').count()).toBe(0);
  });
});
