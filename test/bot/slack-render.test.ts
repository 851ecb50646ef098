import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../bot/core/dispatch.ts';
import type { Reply } from '../../bot/core/reply.ts';
import { renderTable } from '../../bot/format.ts';
import { t } from '../../bot/i18n/index.ts';
import { enSlackViews } from '../../bot/i18n/en/slack-views.ts';
import { viSlackViews } from '../../bot/i18n/vi/slack-views.ts';
import { cutText, escapeMrkdwn, renderSlack, renderSlackBlocks } from '../../bot/slack/render.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { getPersonByCode } from '../../db/identity.ts';
import { createTestCore } from '../helpers/core.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { noCache } from '../../db/result-cache.ts';

/** Every mrkdwn and plain_text string in the blocks, with the kind of object holding it. */
function texts(blocks: KnownBlock[]): { type: string; text: string }[] {
  const out: { type: string; text: string }[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push({ type: o.type, text: o.text });
    Object.values(o).forEach(walk);
  };
  walk(blocks);
  return out;
}

/** What Slack would refuse or misread: its documented limits, unescaped control characters, duplicate ids. */
function expectValid(message: { text: string; blocks: KnownBlock[] }, maxBlocks = 50): void {
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(maxBlocks);
  expect(message.text.trim()).not.toBe('');
  const ids: string[] = [];
  for (const block of message.blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section') {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
      for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
      expect(block.text ?? block.fields).toBeDefined();
    }
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
    if (block.type === 'actions') {
      expect(block.elements.length).toBeLessThanOrEqual(25);
      for (const e of block.elements) {
        if (e.type !== 'button') throw new Error(`unexpected element ${e.type}`);
        expect(e.text.text.length).toBeLessThanOrEqual(75);
        expect(e.value!.length).toBeLessThanOrEqual(2000);
        ids.push(e.action_id!);
      }
    }
  }
  expect(new Set(ids).size).toBe(ids.length);
  for (const { type, text } of [...texts(message.blocks), { type: 'mrkdwn', text: message.text }]) {
    expect(text.trim()).not.toBe('');
    if (type === 'mrkdwn') {
      expect(text).not.toMatch(/[<>]/);
      expect(text.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
  }
}

const sectionTexts = (blocks: KnownBlock[]) => blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('renderSlack on the commands’ own replies (demo province)', () => {
  let handle: TestDb;
  let core: ReturnType<typeof createTestCore>;
  /** The replies a staff member (by code) gets for a message. */
  const replies = async (as: string, text: string): Promise<Reply[]> => {
    const person = await getPersonByCode(core.deps.db, as);
    const out = await dispatch(core, { text, person, locale: person?.locale ?? 'vi', chat: { platform: 'slack', id: 'D1', isPrivate: true }, account: { platform: 'slack', externalId: 'U1' } });
    return out.map((o) => o.reply);
  };

  beforeAll(async () => {
    handle = await openTestDb('pglite');
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    core = createTestCore(handle.db);
  });
  afterAll(() => handle.close());

  it('renders a summary: header, key figures as fields, the as-of date as context, its buttons', async () => {
    const [reply] = await replies('BH-DS-TP', 'tomtat');
    const message = renderSlack(reply!, 'vi');
    expectValid(message);
    const [head, fields, targets, context, actions, ...rest] = message.blocks;
    expect(rest).toEqual([]);
    expect(head).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Phòng Thi hành án dân sự khu vực Đông Sơn (BH-DS)', emoji: true } });
    expect(fields!.type).toBe('section');
    const shown = (fields as { fields: { text: string }[] }).fields.map((f) => f.text);
    expect(shown).toHaveLength(10);
    expect(shown[0]).toMatch(/^\*Tỷ lệ thi hành xong về việc\*\n\d+,\d\d%/);
    expect(shown[5]).toMatch(/^\*Đang thi hành\*\n[\d.]+ việc · /);
    expect(shown[7]).toMatch(/^\*Án tín dụng, ngân hàng\*\nphải thi hành [\d.]+ việc · .+; xong [\d.]+ việc · /);
    expect(shown[8]).toMatch(/^\*Khiếu nại, tố cáo · phức tạp, kéo dài\*\n[\d.]+ việc · [\d.]+ việc đang giải quyết$/);
    expect(targets).toMatchObject({ type: 'section', text: { type: 'mrkdwn', text: expect.stringMatching(/^Đạt (cả 04|\d\/4) chỉ tiêu\.$/) } });
    expect(context).toMatchObject({ type: 'context', elements: [{ type: 'mrkdwn', text: expect.stringContaining('Năm công tác 2027') }] });
    expect(actions).toEqual({
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'cmd:0-0', text: { type: 'plain_text', text: t('vi', 'cmd.tomtat.button.overdue'), emoji: true }, value: 'quahan BH-DS' },
        { type: 'button', action_id: 'cmd:0-1', text: { type: 'plain_text', text: t('vi', 'cmd.tomtat.button.ranking'), emoji: true }, value: 'xephang BH-DS' },
      ],
    });
    // The notification shows the title and its first paragraph: how many targets are met.
    expect(message.text).toMatch(/^Phòng Thi hành án dân sự khu vực Đông Sơn \(BH-DS\)\nĐạt (cả 04|\d\/4) chỉ tiêu\.$/);
    // English comes from the same reply rendered in the person's language by the core.
    expect(renderSlack(reply!, 'en').blocks).toEqual(message.blocks);
  });

  it('renders a caseload as an aligned monospace table and one actions block per row of buttons', async () => {
    const [reply] = await replies('BH-DS-TP', 'viec');
    const message = renderSlack(reply!, 'vi');
    expectValid(message);
    const table = reply!.blocks.find((b) => b.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    const code = sectionTexts(message.blocks).find((s) => s.startsWith('```'))!;
    expect(code).toBe('```\n' + renderTable(table.headers, table.rows, { align: table.align }) + '\n```');
    const actions = message.blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(reply!.buttons!.length);
    expect(actions[0]).toMatchObject({ elements: [{ action_id: 'cmd:0-0', value: reply!.buttons![0]![0]!.action }] });
    // A list of cases has no default choice: nothing is green.
    expect(JSON.stringify(actions)).not.toContain('primary');
    // The fallback is the title and the first paragraph: here the line saying more cases exist.
    const more = reply!.blocks.find((b) => b.kind === 'text')!;
    expect(message.text).toBe(`${reply!.title}\n${'text' in more ? more.text : ''}`);
  });

  it('packs a long list of case buttons into one block, and keeps every value a command line', async () => {
    const [reply] = await replies('BH-DS-CHV01', 'capnhat');
    expect(reply!.buttons!.length).toBeGreaterThan(5);
    const message = renderSlack(reply!, 'vi');
    expectValid(message);
    const actions = message.blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(1);
    const values = actions.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => (e as { value: string }).value) : []));
    expect(values).toEqual(reply!.buttons!.flat().map((b) => b.action));
    expect(values.every((v) => /^capnhat BH-DS-\S+$/.test(v))).toBe(true);
  });

  it('makes the confirm button primary beside a cancel, and the only next step primary', async () => {
    const [pick] = await replies('BH-DS-CHV01', 'capnhat');
    const code = pick!.buttons![0]![0]!.action.split(' ')[1]!;
    const [proposal] = await replies('BH-DS-CHV01', `capnhat ${code} trangthai ? hoan`);
    const [confirm, cancel] = (renderSlack(proposal!, 'vi').blocks.at(-1) as { elements: { style?: string; value: string }[] }).elements;
    expect(confirm).toMatchObject({ style: 'primary', value: `capnhat ${code} trangthai xacnhan hoan` });
    expect(cancel).toEqual(expect.objectContaining({ value: 'huy' }));
    expect(cancel!.style).toBeUndefined();
    const one = renderSlack({ blocks: [{ kind: 'text', text: 'x' }], buttons: [[{ label: 'Xong', action: 'capnhat A xong' }]] }, 'vi');
    expect((one.blocks[1] as { elements: { style?: string }[] }).elements[0]!.style).toBe('primary');
  });

  it('marks an error with ⚠️ and no title, and renders the ranking table of the province', async () => {
    const [error] = await replies('BH-DS-CHV01', 'xephang');
    expect(error!.tone).toBe('error');
    const message = renderSlack(error!, 'vi');
    expectValid(message);
    expect(message.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn', text: expect.stringMatching(/^⚠️ /) } });
    expect(message.text).toMatch(/^⚠️ /);
    const [ranking] = await replies('BH-CT', 'xephang');
    const rendered = renderSlack(ranking!, 'vi');
    expectValid(rendered);
    // Units by their place in a list (WORDING.md), the code kept for the buttons and titles.
    expect(sectionTexts(rendered.blocks).join('\n')).toContain('Đông Sơn');
  });
});

describe('renderSlack escaping and limits', () => {
  it('escapes user text so it can mention no one and link nowhere', () => {
    const reply: Reply = {
      title: 'Ghi chú <việc> & "khác"',
      blocks: [
        { kind: 'text', text: 'Đương sự nói <!channel> <@U123> <http://x.vn|bấm> & *đậm*' },
        { kind: 'fields', fields: [{ label: 'Tỷ lệ <việc>', value: '<!here> & 84,25%' }] },
        { kind: 'table', headers: ['Mã', 'Ghi chú'], rows: [['A<1>', '<@U9> & x']] },
        { kind: 'context', text: 'Tính đến <ngày> 23/11/2026' },
      ],
    };
    const message = renderSlack(reply, 'vi');
    expectValid(message);
    // A header is plain text, which Slack never parses for mentions: it is left as typed.
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Ghi chú <việc> & "khác"' } });
    expect(message.blocks.slice(1)).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Đương sự nói &lt;!channel&gt; &lt;@U123&gt; &lt;http://x.vn|bấm&gt; &amp; *đậm*' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Tỷ lệ &lt;việc&gt;*\n&lt;!here&gt; &amp; 84,25%' }] },
      // Columns are measured on the text as shown, before escaping: "A<1>" is four wide.
      { type: 'section', text: { type: 'mrkdwn', text: '```\nMã    Ghi chú\n----  ---------\nA&lt;1&gt;  &lt;@U9&gt; &amp; x\n```' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Tính đến &lt;ngày&gt; 23/11/2026' }] },
    ]);
    expect(message.text).toBe('Ghi chú &lt;việc&gt; &amp; "khác"\nĐương sự nói &lt;!channel&gt; &lt;@U123&gt; &lt;http://x.vn|bấm&gt; &amp; *đậm*');
    expect(escapeMrkdwn('a&b<c>d')).toBe('a&amp;b&lt;c&gt;d');
  });

  it('splits a 300-row table into sections under 3,000 characters, each with the header', () => {
    const rows = Array.from({ length: 300 }, (_, i) => [`BH-DS-2026-${String(i + 1).padStart(5, '0')}`, `${i} ngày`, 'chậm <xác minh> & nữa', `${(i + 1) * 1_234_567} ₫`]);
    const message = renderSlack({ title: 'Quá hạn', blocks: [{ kind: 'table', headers: ['Mã việc', 'Quá', 'Lý do', 'Còn'], rows }] }, 'vi');
    expectValid(message);
    const sections = sectionTexts(message.blocks);
    expect(sections.length).toBeGreaterThan(5);
    const lines = renderTable(['Mã việc', 'Quá', 'Lý do', 'Còn'], rows).split('\n').map(escapeMrkdwn);
    const seen: string[] = [];
    for (const s of sections) {
      expect(s.length).toBeLessThanOrEqual(3000);
      const inner = s.replace(/^```\n/, '').replace(/\n```$/, '').split('\n');
      expect(inner.slice(0, 2)).toEqual(lines.slice(0, 2));
      seen.push(...inner.slice(2));
    }
    expect(seen).toEqual(lines.slice(2));
  });

  it('keeps an absurdly wide table under the section limit', () => {
    const headers = Array.from({ length: 4 }, (_, i) => `Cột ${i} ${'rộng '.repeat(300)}`);
    const rows = Array.from({ length: 5 }, (_, r) => headers.map((_, c) => `<${r}-${c}> ${'x'.repeat(900)}`));
    const message = renderSlack({ blocks: [{ kind: 'table', headers, rows }] }, 'vi');
    expectValid(message);
    const sections = sectionTexts(message.blocks);
    expect(sections.length).toBeGreaterThanOrEqual(5);
    for (const s of sections) expect(s).toMatch(/^```\nCột 0 rộng [^]*…\n-+…\n[^]+\n```$/);
  });

  it('puts fields ten to a section and cuts long labels, headers and text without breaking an entity', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `Chỉ tiêu ${i + 1}`, value: `${i} việc` }));
    const long = `${'x'.repeat(2995)}&<>${'y'.repeat(4000)}`;
    const message = renderSlack(
      {
        title: 'Đ'.repeat(200),
        blocks: [{ kind: 'fields', fields }, { kind: 'text', text: long }],
        buttons: [[{ label: 'Nhãn rất dài '.repeat(10), action: 'viec' }]],
      },
      'vi',
    );
    expectValid(message);
    const fieldSections = message.blocks.filter((b) => b.type === 'section' && b.fields);
    expect(fieldSections.map((b) => (b as { fields: unknown[] }).fields.length)).toEqual([10, 10, 3]);
    expect((message.blocks[0] as { text: { text: string } }).text.text).toBe(`${'Đ'.repeat(149)}…`);
    const text = sectionTexts(message.blocks);
    expect(text.length).toBe(3);
    expect(text.join('')).toBe(escapeMrkdwn(long));
    const button = (message.blocks.at(-1) as { elements: { text: { text: string } }[] }).elements[0]!;
    expect(button.text.text.length).toBeGreaterThan(70);
    expect(button.text.text.endsWith('…')).toBe(true);
    expect(cutText('ab&amp;cd', 5)).toBe('ab…');
    expect(cutText('ab😀cd', 4)).toBe('ab…');
  });

  it('keeps to 50 blocks: content is cut, the buttons stay, a last line says it was shortened', () => {
    const blocks = Array.from({ length: 80 }, (_, i) => ({ kind: 'text' as const, text: `Đoạn ${i + 1}` }));
    const reply: Reply = { title: 'Dài', blocks, buttons: [[{ label: 'Tiếp', action: 'viec' }], [{ label: 'Hủy', action: 'huy' }]] };
    for (const locale of ['vi', 'en'] as const) {
      const message = renderSlack(reply, locale);
      expectValid(message);
      expect(message.blocks).toHaveLength(50);
      expect(message.blocks.slice(-2).map((b) => b.type)).toEqual(['actions', 'actions']);
      expect(message.blocks.at(-3)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t(locale, 'views.truncated')) }] });
      expect(sectionTexts(message.blocks)).toEqual(blocks.slice(0, 46).map((b) => b.text));
    }
    expect(renderSlackBlocks(reply, 'vi', 100)).toHaveLength(83);
  });

  it('splits a row of 30 buttons into blocks of 25 with ids unique in the message', () => {
    const row = Array.from({ length: 30 }, (_, i) => ({ label: `Việc ${i}`, action: `vuviec BH-DS-${i}` }));
    const message = renderSlack({ blocks: [{ kind: 'text', text: 'Chọn' }], buttons: [row, [{ label: 'Khác', action: 'viec' }]] }, 'vi');
    expectValid(message);
    const actions = message.blocks.filter((b) => b.type === 'actions') as { elements: { action_id: string }[] }[];
    expect(actions.map((a) => a.elements.length)).toEqual([25, 5, 1]);
    expect(actions[1]!.elements[0]!.action_id).toBe('cmd:0-25');
    expect(actions[2]!.elements[0]!.action_id).toBe('cmd:1-0');
  });

  it('refuses a button whose action Slack would not carry whole', () => {
    expect(() => renderSlack({ blocks: [], buttons: [[{ label: 'x', action: 'ghichu '.repeat(400) }]] }, 'vi')).toThrow(/over 2000/);
  });
});

describe('the Slack views catalogues', () => {
  it('say the same things in English as in Vietnamese, with the same placeholders', () => {
    expect(Object.keys(enSlackViews).sort()).toEqual(Object.keys(viSlackViews).sort());
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(viSlackViews)) expect(names(enSlackViews[key]!), key).toEqual(names(text));
  });
});
