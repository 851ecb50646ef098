import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { seedDemo } from '../../../db/demo/index.ts';
import { getSummary } from '../../../db/numbers/summary.ts';
import { cases, collections } from '../../../db/schema.ts';
import { noCache } from '../../../db/result-cache.ts';
import { createApp } from '../../../server/app.ts';
import { createTestDeps, TEST_NOW } from '../../helpers/app-deps.ts';
import { TestBrowser } from '../../helpers/browser.ts';
import { createTestCore, say } from '../../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../../helpers/db.ts';
import { firstCaseOf } from '../../helpers/fixtures.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const TODAY = '2026-11-23';

/** Every form of a page: its hidden fields and the visible button's label. */
function forms(html: string): { fields: Record<string, string>; label: string }[] {
  return [...html.matchAll(/<form[^>]*action="\/tro-chuyen"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => ({
    fields: Object.fromEntries([...m[1]!.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((f) => [f[1]!, f[2]!])),
    label: /<button[^>]*>([\s\S]*?)<\/button>/.exec(m[1]!)?.[1] ?? '',
  }));
}

const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe.each(drivers)('the web chat on %s', (driver) => {
  let handle: TestDb;
  let browser: TestBrowser;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: TODAY, changes: noCache });
    const core = createTestCore(handle.db, TEST_NOW);
    // One app for the whole conversation: the page's history is kept in its memory.
    browser = new TestBrowser(createApp(createTestDeps(handle).deps), ORIGIN);
    const [answer] = await say(core, 'BH-DS-CHV01', '/dangnhap');
    const path = /\/dang-nhap\/[0-9a-f]{64}/.exec(answer!.text)![0];
    const html = await (await browser.get(path)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    expect((await browser.post(path, { csrf, lang: 'vi' })).status).toBe(303);
  }, 180_000);
  afterAll(() => handle.close());

  async function page(): Promise<string> {
    const res = await browser.get('/tro-chuyen');
    expect(res.status).toBe(200);
    return decode(await res.text());
  }

  /** Types `text` in the page's box. */
  async function type(text: string): Promise<string> {
    const box = forms(await page()).at(-1)!;
    expect((await browser.post('/tro-chuyen', { ...box.fields, text })).status).toBe(303);
    return page();
  }

  it('asks a signed-out browser to sign in, and refuses a post from elsewhere or without the token', async () => {
    const stranger = new TestBrowser(createApp(createTestDeps(handle).deps), ORIGIN);
    const res = await stranger.get('/tro-chuyen');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const box = forms(await page()).at(-1)!;
    expect((await browser.post('/tro-chuyen', { ...box.fields, text: '/tomtat' }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await browser.post('/tro-chuyen', { ...box.fields, csrf: 'x', text: '/tomtat' })).status).toBe(403);
    expect((await browser.post('/tro-chuyen', { ...box.fields, id: 'not-an-id', text: '/tomtat' })).status).toBe(403);
    expect(await page()).not.toContain('Thi hành xong');
  });

  it('answers /tomtat with the summary as HTML', async () => {
    const html = await type('/tomtat');
    expect(html).toContain('<strong>Đồng chí:</strong> /tomtat');
    expect(html).toContain('<h3>Phòng Thi hành án dân sự khu vực Đông Sơn (BH-DS)</h3>');
    expect(html).toMatch(/<dt>Thi hành xong<\/dt><dd>\d+ việc · [^<]+<\/dd>/);
    expect(html).toContain('<p class="note lines">Năm công tác 2027');
    expect(html).not.toMatch(/[\uE000\uE001]/);
  });

  it('needs no chat account: the session is the person, and lienket says there is nothing to link', async () => {
    const html = await type('/lienket ABCD EFGH');
    expect(html).toContain('Trên trang web, đồng chí đã đăng nhập nên không cần liên kết tài khoản.');
  });

  it('draws a table in <pre>', async () => {
    const html = await type('/quahan');
    expect(html).toContain('<strong>Đồng chí:</strong> /quahan');
    expect(html).toMatch(/<pre>[^<]*BH-DS-\d{4}-\d{4}/);
  });

  it('walks /capnhat … thu step by step to its confirm button, records the collection once, and the summary shows it', async () => {
    const code = await firstCaseOf(handle.db, 'BH-DS-CHV01');
    const numbers = createTestDeps(handle).deps.numbers;
    const doneMoney = async () => (await getSummary(handle.db, 'BH-DS', TODAY, numbers)).money.done;
    const count = async () => {
      const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(collections).innerJoin(cases, eq(cases.id, collections.caseId)).where(eq(cases.code, code));
      return Number(row!.n);
    };
    const [moneyBefore, rowsBefore] = [await doneMoney(), await count()];

    const asked = await type(`/capnhat ${code} thu`);
    expect(forms(asked).some((f) => f.fields.action === 'huy')).toBe(true);
    const proposed = await type('5 triệu');
    const confirm = forms(proposed).find((f) => f.fields.action === `capnhat ${code} thu xacnhan 5000000`);
    expect(confirm, proposed).toBeDefined();
    expect((await browser.post('/tro-chuyen', confirm!.fields)).status).toBe(303);
    const done = await page();
    expect(done).toContain(`<strong>Đồng chí:</strong> ${confirm!.label}`);
    expect(done).toContain(`Đã ghi nhận khoản thu 5.000.000 ₫ ngày 23/11/2026 cho việc ${code}.`);
    expect(await count()).toBe(rowsBefore + 1);
    expect(await doneMoney()).toBe(moneyBefore + 5_000_000);

    // The same form sent again (the back button, a double click): claimed already, nothing recorded, nothing said.
    expect((await browser.post('/tro-chuyen', confirm!.fields)).status).toBe(303);
    expect(await count()).toBe(rowsBefore + 1);
    expect((await page()).split('Đã ghi nhận khoản thu').length).toBe(2);

    // The same turn's summary, now with the money: what the core answers anywhere.
    const after = await type('/tomtat');
    const fields = await say(createTestCore(handle.db, TEST_NOW), 'BH-DS-CHV01', '/tomtat');
    const line = /Thi hành xong: ([^\n]+)/.exec(fields[0]!.text)![1]!;
    expect(after.split('<dt>Thi hành xong</dt>').at(-1)).toContain(`<dd>${line}</dd>`);
  });
});
