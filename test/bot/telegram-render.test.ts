import { describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/core/reply.ts';
import { escapeHtml, fitsCallbackData, MAX_MESSAGE_LENGTH, renderTelegram } from '../../bot/telegram/render.ts';

/** Every tag is one Telegram knows, closed in the same message, never nested inside <pre>. */
function expectWellFormed(html: string): void {
  const open: string[] = [];
  for (const [, slash, name] of html.matchAll(/<(\/?)([a-z]+)>/g)) {
    expect(['b', 'i', 'pre']).toContain(name);
    if (slash) expect(open.pop()).toBe(name);
    else {
      expect(open).not.toContain('pre');
      open.push(name!);
    }
  }
  expect(open).toEqual([]);
  expect(html.replace(/<\/?(b|i|pre)>/g, '')).not.toMatch(/[<>]/);
}

const unescape = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('renderTelegram', () => {
  it('escapes HTML everywhere and formats title, fields, tables and context', () => {
    const reply: Reply = {
      title: 'Ghi chú <việc> BH-DS-2026-001',
      blocks: [
        { kind: 'text', text: 'Đương sự nói: <b>không trả</b> & "sẽ khiếu nại" <script>alert(1)</script>' },
        { kind: 'fields', fields: [{ label: 'Tỷ lệ <việc>', value: '84,25% & hơn' }] },
        { kind: 'table', headers: ['Mã', 'Số tiền'], rows: [['A<1>', '1.000 ₫']] },
        { kind: 'context', text: 'Tính đến 23/11/2026' },
      ],
    };
    const [message, ...more] = renderTelegram(reply);
    expect(more).toEqual([]);
    expect(message!.reply_markup).toBeUndefined();
    expect(message!.text).toBe(
      [
        '<b>Ghi chú &lt;việc&gt; BH-DS-2026-001</b>',
        'Đương sự nói: &lt;b&gt;không trả&lt;/b&gt; &amp; "sẽ khiếu nại" &lt;script&gt;alert(1)&lt;/script&gt;',
        '<b>Tỷ lệ &lt;việc&gt;</b>: 84,25% &amp; hơn',
        '<pre>Mã    Số tiền\n----  -------\nA&lt;1&gt;  1.000 ₫</pre>',
        '<i>Tính đến 23/11/2026</i>',
      ].join('\n\n'),
    );
    expectWellFormed(message!.text);
  });

  it('splits a 300-row table into <pre> blocks under 4,096 characters, header repeated, keyboard on the last', () => {
    const rows = Array.from({ length: 300 }, (_, i) => [`BH-DS-2026-${String(i + 1).padStart(5, '0')}`, `${i * 7} ngày`, 'chậm xác minh <lần 2> & nữa', `${(i + 1) * 1_234_567} ₫`]);
    const reply: Reply = {
      title: 'Việc quá hạn của Phòng THADS khu vực Đông Sơn (BH-DS): 300',
      blocks: [
        { kind: 'table', headers: ['Mã việc', 'Quá', 'Lý do', 'Còn phải thi hành'], rows },
        { kind: 'context', text: 'Tính đến ngày 23/11/2026' },
      ],
      buttons: [[{ label: 'Xếp hạng', action: 'xephang BH-DS' }]],
    };
    const messages = renderTelegram(reply);
    expect(messages.length).toBeGreaterThan(3);
    for (const [i, m] of messages.entries()) {
      expect(m.text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expectWellFormed(m.text);
      expect(m.text).toContain('<pre>Mã việc');
      expect(m.reply_markup === undefined).toBe(i < messages.length - 1);
    }
    expect(messages[0]!.text.startsWith('<b>Việc quá hạn')).toBe(true);
    expect(messages.at(-1)!.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Xếp hạng', callback_data: 'xephang BH-DS' }]] });
    const all = messages.map((m) => unescape(m.text)).join('\n');
    const codes = [...all.matchAll(/BH-DS-2026-(\d{5})/g)].map((m) => Number(m[1]));
    expect(codes).toEqual(rows.map((_, i) => i + 1));
    expect(all).toContain('chậm xác minh <lần 2> & nữa');
  });

  it('splits long text at line boundaries, and cuts only a line that alone is too long', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `Dòng ${i + 1}: ${'x'.repeat(60)}`);
    const huge = 'từ '.repeat(3000).trim();
    const messages = renderTelegram({ blocks: [{ kind: 'text', text: lines.join('\n') }, { kind: 'text', text: huge }] });
    for (const m of messages) {
      expect(m.text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      for (const line of m.text.split('\n')) expect(line === '' || /^Dòng \d+: x{60}$/.test(line) || /^từ( từ)*$/.test(line)).toBe(true);
    }
    const text = messages.map((m) => m.text).join('\n');
    expect(text.match(/Dòng \d+/g)).toHaveLength(200);
    expect(text.match(/từ/g)).toHaveLength(3000);
  });

  it('refuses a button action Telegram would truncate (callback_data over 64 bytes)', () => {
    const long = 'capnhat BH-DS-2026-00001 ghichu đã xác minh đủ điều kiện';
    expect(new TextEncoder().encode(long).length).toBeGreaterThan(64);
    expect(long.length).toBeLessThanOrEqual(64);
    expect(fitsCallbackData(long)).toBe(false);
    expect(() => renderTelegram({ blocks: [], buttons: [[{ label: 'x', action: long }]] })).toThrow(/over 64 bytes/);
    expect(fitsCallbackData('quahan BH-DS')).toBe(true);
  });

  it('escapes the three characters Telegram HTML reserves', () => {
    expect(escapeHtml('a < b && c > "d"')).toBe('a &lt; b &amp;&amp; c &gt; "d"');
  });
});
