import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatMoney, formatRate, placeName } from '../../../bot/format.ts';
import type { Locale } from '../../../bot/i18n/index.ts';
import { RESULT_ROWS, rowLabel } from '../../../bot/report/results-rows.ts';
import { targetsMetText } from '../../../bot/report/target-rows.ts';
import { seedDemo } from '../../../db/demo/index.ts';
import { getOpenFindingsDue } from '../../../db/numbers/findings-due.ts';
import { getRanking } from '../../../db/numbers/ranking.ts';
import { getSummary } from '../../../db/numbers/summary.ts';
import { noCache } from '../../../db/result-cache.ts';
import { getUnitSubtree } from '../../../db/units.ts';
import { createApp } from '../../../server/app.ts';
import { metText } from '../../../server/web/dashboard/ranking-table.tsx';
import { createTestDeps, TEST_NOW } from '../../helpers/app-deps.ts';
import { TestBrowser } from '../../helpers/browser.ts';
import { createTestCore, say } from '../../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../../helpers/db.ts';
import { firstCaseOf } from '../../helpers/fixtures.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const TODAY = '2026-11-23';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The cells of the table row marked `attr="value"`, as text. */
function cells(html: string, attr: string, value: string): string[] {
  const row = new RegExp(`<tr ${attr}="${value}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
  if (row === undefined) throw new Error(`no row ${attr}=${value}`);
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>|<td[^>]*\/>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));
}

describe.each(drivers)('the dashboard on %s', (driver) => {
  let handle: TestDb;
  let core: ReturnType<typeof createTestCore>;
  const web = () => createApp(createTestDeps(handle).deps);
  const numbers = () => createTestDeps(handle).deps.numbers;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: TODAY, changes: noCache });
    core = createTestCore(handle.db, TEST_NOW);
  }, 180_000);
  afterAll(() => handle.close());

  async function signedIn(staff: string): Promise<TestBrowser> {
    const browser = new TestBrowser(web(), ORIGIN);
    const [answer] = await say(core, staff, '/dangnhap');
    const path = /\/dang-nhap\/[0-9a-f]{64}/.exec(answer!.text)![0];
    const html = await (await browser.get(path)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    expect((await browser.post(path, { csrf, lang: 'vi' })).status).toBe(303);
    return browser;
  }

  async function expectTableOf(html: string, unit: string, at: string, locale: Locale = 'vi') {
    const s = await getSummary(handle.db, unit, at, numbers());
    const shown = [...html.matchAll(/<tr data-row="(\w+)">/g)].map((m) => m[1]);
    expect(shown).toEqual([...RESULT_ROWS.map((r) => r.key), 'rate_cases', 'rate_money']);
    for (const { key } of RESULT_ROWS) {
      const last = s.same_period_last_year;
      expect(cells(html, 'data-row', key), key).toEqual([
        rowLabel(key, locale),
        formatCount(s.cases[key], locale),
        formatCount(last.cases[key], locale),
        formatMoney(s.money[key], locale),
        formatMoney(last.money[key], locale),
      ]);
    }
    expect(cells(html, 'data-row', 'rate_cases')[1]).toBe(formatRate(s.cases.rate, locale));
    expect(cells(html, 'data-row', 'rate_money')[3]).toBe(formatRate(s.money.rate, locale));
    expect(html).toContain(targetsMetText(s, locale));
    return s;
  }

  it('shows a province leader the province: units ranked by name with "đạt x/4", the results table, the chart, the overdue', async () => {
    const browser = await signedIn('BH-CT');
    const res = await browser.get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Xin chào đồng chí Nguyễn Văn Thành');
    const ranking = await getRanking(handle.db, 'BH', TODAY, numbers());
    expect([...html.matchAll(/<tr data-code="([^"]+)">/g)].map((m) => m[1])).toEqual(ranking.rows.map((r) => r.code));
    for (const r of ranking.rows) {
      const [rank, name, , , met] = cells(html, 'data-code', r.code);
      expect([rank, name, met]).toEqual([String(r.rank), placeName(r.name), metText(r, 'vi')]);
      expect(met).toMatch(/^đạt (\d\/4|cả 04)$|^—$/);
      expect(html).toContain(`href="/don-vi/${r.code}"`);
    }
    expect(html).toContain('Đông Sơn');
    await expectTableOf(html, 'BH', TODAY);
    expect(html).toContain('Đạt');
    expect(html).toContain('src="/don-vi/BH/bieu-do/ty-le.png?at=2026-11-23"');
    expect(html).toContain('href="/don-vi/BH/bao-cao.xlsx?at=2026-11-23"');
    expect(html).toMatch(/<h2>Việc quá hạn: [\d.]+<\/h2>/);
    expect(html).toContain('<input type="date" name="at" value="2026-11-23"/>');
    expect(html).toContain('Đến hạn trong tuần 23/11–29/11/2026');
    const { unitIds } = await getUnitSubtree(handle.db, 'BH');
    const open = await getOpenFindingsDue(handle.db, unitIds, { until: '2026-11-29', reopenedAfter: new Date('9999-12-31T00:00:00Z'), timeZone: 'Asia/Ho_Chi_Minh' });
    const dueThisWeek = open.filter((f) => f.dueDate >= '2026-11-23').map((f) => f.code);
    expect([...html.matchAll(/<tr data-due-finding="([^"]+)">/g)].map((m) => m[1])).toEqual(dueThisWeek);
    expect(html).not.toMatch(/at \w+ \(|select /);
  });

  it('takes the figures on the day asked (?at=), and answers a bad date with a message and today’s figures', async () => {
    const browser = await signedIn('BH-PCT1');
    const june = await (await browser.get('/don-vi/BH?at=2026-06-30')).text();
    const then = await expectTableOf(june, 'BH', '2026-06-30');
    const now = await getSummary(handle.db, 'BH', TODAY, numbers());
    expect(then.cases.done).not.toBe(now.cases.done);
    expect(june).toContain('value="2026-06-30"');
    expect(june).not.toContain('id="bad-date"');
    // A unit of the ranking opens on the same day.
    expect(june).toContain('href="/don-vi/BH-DS?at=2026-06-30"');

    const bad = await browser.get('/don-vi/BH?at=2026-02-30');
    expect(bad.status).toBe(200);
    const html = await bad.text();
    expect(html).toContain('Ngày &quot;2026-02-30&quot; không hợp lệ');
    await expectTableOf(html, 'BH', TODAY);
  });

  it('shows a local unit its officers ranked and its monthly chart, and a province leader may open it', async () => {
    for (const staff of ['BH-DS-TP', 'BH-CT']) {
      const html = await (await (await signedIn(staff)).get('/don-vi/BH-DS')).text();
      expect(html).toContain('Xếp hạng Chấp hành viên');
      for (const name of ['Bùi Văn Hải', 'Ngô Thị Thanh Hương', 'Vũ Đức Mạnh']) expect(html).toContain(name);
      expect(html).toContain('src="/don-vi/BH-DS/bieu-do/thang.png?at=2026-11-23"');
      await expectTableOf(html, 'BH-DS', TODAY);
    }
  });

  it('serves the charts as PNG and the report as XLSX, only for units (and roles) within reach', async () => {
    const leader = await signedIn('BH-CT');
    for (const path of ['/don-vi/BH/bieu-do/ty-le.png?at=2026-11-23', '/don-vi/BH-DS/bieu-do/thang.png']) {
      const res = await leader.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
    const xlsx = await leader.get('/don-vi/BH/bao-cao.xlsx?at=2026-11-23');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toMatch(/attachment; filename=".*BH.*\.xlsx"/);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    const officer = await signedIn('BH-DS-CHV01');
    expect((await officer.get('/don-vi/BH-DS/bieu-do/thang.png')).headers.get('content-type')).toBe('image/png');
    for (const path of ['/don-vi/BH-HA/bieu-do/thang.png', '/don-vi/BH/bieu-do/ty-le.png', '/don-vi/BH-DS/bieu-do/ty-le.png', '/don-vi/BH-DS/bao-cao.xlsx', '/don-vi/NOPE/bieu-do/thang.png']) {
      const res = await officer.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
    expect((await new TestBrowser(web(), ORIGIN).get('/don-vi/BH/bieu-do/ty-le.png')).status).toBe(404);
  });

  it('refuses a file asked for on a day that is no date, with a message, rather than drawing today', async () => {
    const leader = await signedIn('BH-CT');
    for (const path of ['/don-vi/BH/bieu-do/ty-le.png?at=2026-02-30', '/don-vi/BH-DS/bieu-do/thang.png?at=hôm-nay', '/don-vi/BH/bao-cao.xlsx?at=30/11/2026']) {
      const res = await leader.get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('không hợp lệ: đề nghị ghi ngày theo dạng NNNN-TT-NN, ví dụ 2026-11-30.');
      expect(html).not.toMatch(/at \w+ \(|Error/);
    }
  });

  it('answers an officer’s look at another unit or another’s case exactly as one that does not exist', async () => {
    const officer = await signedIn('BH-DS-CHV01');
    const own = await (await officer.get('/')).text();
    expect(own).toContain('Chỉ gồm việc do đồng chí được phân công.');
    expect(own).not.toContain('Xếp hạng');
    const missing = await officer.get('/don-vi/NOPE');
    const other = await officer.get('/don-vi/BH-HA');
    const province = await officer.get('/don-vi/BH');
    expect([missing.status, other.status, province.status]).toEqual([404, 404, 404]);
    const body = await missing.text();
    expect(await other.text()).toBe(body);
    expect(await province.text()).toBe(body);
    const theirs = await firstCaseOf(handle.db, 'BH-DS-CHV02');
    const notTheirs = await officer.get(`/viec/${theirs}`);
    const unknown = await officer.get('/viec/BH-NOPE-0000');
    expect([notTheirs.status, unknown.status]).toEqual([404, 404]);
    expect(await notTheirs.text()).toBe(await unknown.text());
  });

  it('shows a province-level inspector the province’s table only: no ranking, no case list, no report', async () => {
    const inspector = await signedIn('BH-KTV01');
    const html = await (await inspector.get('/')).text();
    await expectTableOf(html, 'BH', TODAY);
    expect(html).not.toMatch(/id="(ranking|overdue|week|download)"/);
    expect(html).toContain('src="/don-vi/BH/bieu-do/thang.png?at=2026-11-23"');
    expect((await inspector.get('/don-vi/BH/bieu-do/thang.png')).status).toBe(200);
    for (const path of ['/don-vi/BH-DS', '/don-vi/BH/bao-cao.xlsx', '/don-vi/BH/bieu-do/ty-le.png']) expect((await inspector.get(path)).status, path).toBe(404);
    const stranger = new TestBrowser(web(), ORIGIN);
    for (const path of ['/don-vi/BH', '/viec/BH-DS-2025-0001']) {
      const res = await stranger.get(path);
      expect([res.status, res.headers.get('location')], path).toEqual([303, '/']);
    }
  });

  it('shows a case’s facts and timeline to its officer and to the leaders', async () => {
    const code = await firstCaseOf(handle.db, 'BH-DS-CHV01');
    for (const staff of ['BH-DS-CHV01', 'BH-DS-TP', 'BH-CT']) {
      const res = await (await signedIn(staff)).get(`/viec/${code}`);
      expect(res.status, staff).toBe(200);
      const html = await res.text();
      expect(html).toContain(`Việc thi hành án ${code}`);
      expect(html).toContain('<dt>Chấp hành viên</dt><dd>Bùi Văn Hải (BH-DS-CHV01)</dd>');
      expect(html).toMatch(/<li data-event="accepted">\d\d\/\d\d\/\d{4} · Thụ lý, bắt đầu thi hành<\/li>/);
    }
  });

  it('speaks English on ?lang=en, and keeps it in its links and its date form', async () => {
    const browser = await signedIn('BH-CT');
    const html = await (await browser.get('/?lang=en')).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Units ranked');
    expect(html).toContain('<input type="hidden" name="lang" value="en"/>');
    expect(html).toContain('href="/don-vi/BH-DS?lang=en"');
    await expectTableOf(html, 'BH', TODAY, 'en');
    const code = await firstCaseOf(handle.db, 'BH-DS-CHV01');
    expect(await (await browser.get(`/viec/${code}?lang=en`)).text()).toContain('<html lang="en">');
  });
});
