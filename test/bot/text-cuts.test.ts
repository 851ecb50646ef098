import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipText, graphemePrefix } from '../../bot/format/clip.ts';
import { cutText, renderSlack } from '../../bot/slack/render.ts';
import { renderTelegram } from '../../bot/telegram/render.ts';
import { queryRows } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { createTestCore } from '../helpers/core.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { captureBot, linkTelegram, textUpdate } from './telegram-fixture.ts';
import { noCache } from '../../db/result-cache.ts';

// A lone half of a surrogate pair: Telegram refuses the whole message ("strings must be encoded in UTF-8").
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const OFFICER = 1002; // BH-DS-CHV01

describe('texts shortened or split never cut a character in half', () => {
  it('clips between graphemes, within the limit in UTF-16 units', () => {
    expect(clipText('a😀😀😀', 4)).toBe('a😀…');
    expect(clipText('a😀😀😀', 3)).toBe('a…');
    expect(clipText('short', 5)).toBe('short');
    // A family emoji is one grapheme of 11 units; "ệ" written with combining marks is one of 3.
    const family = '👨‍👩‍👧‍👦';
    expect(graphemePrefix(`ab${family}`, 12)).toBe('ab');
    expect(graphemePrefix('Nguyê\u0323n', 5)).toBe('Nguy');
    expect(cutText(`ab${family}cd`, 12)).toBe('ab…');
  });

  describe('through the Telegram adapter', () => {
    let handle: TestDb;
    let core: ReturnType<typeof createTestCore>;
    beforeAll(async () => {
      handle = await openTestDb('pglite');
      await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
      await linkTelegram(handle.db, 'BH-DS-CHV01', OFFICER);
      core = createTestCore(handle.db);
    });
    afterAll(() => handle.close());

    it('quotes a long or emoji-filled input in a refusal without breaking a pair', async () => {
      const { bot, sent } = captureBot(core);
      // The officer's own open case, whatever the demo generator made.
      const [mine] = await queryRows<{ code: string }>(
        handle.db,
        sql`select c.code from cases c join staff s on s.id = c.officer_id where s.code = 'BH-DS-CHV01' and c.status = 'enforcing' order by c.code limit 1`,
      );
      const inputs = [
        `/capnhat ${mine!.code} thu a${'😀'.repeat(40)}`,
        `/capnhat ${mine!.code} thu ${'1'.repeat(39)}😀😀`,
        `/hanxuly ${mine!.code} ${'😀'.repeat(1000)}`,
        `/vuviec ${'😀'.repeat(1000)}`,
        `/tomtat ${'😀'.repeat(1000)}`,
      ];
      let id = 1;
      for (const text of inputs) await bot.handleUpdate(textUpdate(id++, OFFICER, text));
      const texts = sent().map((c) => String(c.payload.text));
      expect(texts.length).toBeGreaterThanOrEqual(inputs.length);
      for (const text of texts) {
        expect(LONE_SURROGATE.test(text)).toBe(false);
        expect(text.length).toBeLessThanOrEqual(4096);
      }
      expect(texts[0]).toContain(`"a${'😀'.repeat(19)}…"`);
      // A case typed too long comes back cut, like the amount.
      expect(texts.find((t) => t.startsWith('Không tìm thấy việc thi hành án'))).toBe(`Không tìm thấy việc thi hành án "${'😀'.repeat(20)}…".`);
    });
  });

  it('splits and cuts long answers on both platforms between characters', () => {
    const line = `${'x'.repeat(2999)}😀${'y'.repeat(4090)}😀`;
    const reply = {
      title: `${'z'.repeat(149)}😀`,
      blocks: [
        { kind: 'text' as const, text: `${line}\n${'😀'.repeat(5000)}` },
        { kind: 'fields' as const, fields: [{ label: '😀'.repeat(3000), value: `${'v'.repeat(1999)}😀` }] },
      ],
      buttons: [[{ label: `${'b'.repeat(74)}😀`, action: 'tomtat' }]],
    };
    const telegram = renderTelegram(reply);
    expect(telegram.length).toBeGreaterThan(1);
    for (const message of telegram) expect(LONE_SURROGATE.test(message.text)).toBe(false);
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(renderSlack(reply, 'vi'));
    expect(strings.filter((s) => LONE_SURROGATE.test(s))).toEqual([]);
  });
});
