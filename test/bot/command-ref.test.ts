import { describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { commandRef, hasCommandRef, slashSpelling, spellCommands } from '../../bot/core/command-ref.ts';
import type { Reply } from '../../bot/core/reply.ts';
import { catalogueKeys, t } from '../../bot/i18n/index.ts';
import { renderPlain } from '../../bot/render/plain.ts';
import { renderSlack, slackText } from '../../bot/slack/render.ts';
import { renderTelegram } from '../../bot/telegram/render.ts';

const names = new Set(commands.flatMap((c) => [c.name, c.alias]));

describe('commands named in texts', () => {
  it('are references to commands that exist, in every catalogue text', () => {
    for (const locale of ['vi', 'en'] as const) {
      for (const key of catalogueKeys(locale)) {
        const text = t(locale, key);
        const named = [...text.matchAll(/\uE000([^\uE001]*)\uE001/g)].map((m) => m[1]!);
        for (const word of named) expect(names.has(word), `${locale} ${key}: {/${word}}`).toBe(true);
        // A command typed out by hand would escape the renderers' spelling.
        expect(spellCommands(text, () => ''), `${locale} ${key}`).not.toMatch(/(^|\s)\/(tomtat|xephang|quahan|viec|vuviec|capnhat|hanxuly|huy|lienket|ngonngu|trogiup)\b/);
      }
    }
  });

  it('are spelled by each renderer as its platform types them, and never left as references', () => {
    const reply: Reply = {
      title: t('vi', 'cmd.trogiup.title'),
      blocks: [
        { kind: 'text', text: t('vi', 'core.unknown_command') },
        { kind: 'fields', fields: [{ label: 'Cách dùng', value: t('vi', 'cmd.tomtat.usage') }] },
        { kind: 'context', text: `gõ ${commandRef('quahan')}` },
      ],
      buttons: [[{ label: commandRef('viec'), action: 'viec' }]],
    };
    const telegram = renderTelegram(reply).map((m) => `${m.text} ${JSON.stringify(m.reply_markup)}`).join('\n');
    const slack = JSON.stringify(renderSlack(reply, 'vi'));
    const plain = renderPlain(reply);
    for (const out of [telegram, slack, plain]) expect(hasCommandRef(out)).toBe(false);
    expect(telegram).toContain('Gõ /trogiup để xem');
    expect(telegram).toContain('/tomtat [đơn vị]');
    expect(plain).toContain('gõ /quahan');
    expect(slack).toContain('Gõ /thads trogiup để xem');
    expect(slack).toContain('/thads tomtat [đơn vị]');
    expect(slack).toContain('gõ /thads quahan');
    expect(slackText(t('en', 'core.unknown_command'))).toBe('No such command. Send /thads help to see the commands you can use.');
    expect(spellCommands(t('en', 'core.unknown_command'), slashSpelling)).toBe('No such command. Send /help to see the commands you can use.');
  });

  it('leaves what a person typed alone: only references are spelled', () => {
    const typed: Reply = { blocks: [{ kind: 'text', text: 'Ghi chú: đã gõ /tomtat ở nhóm' }] };
    expect(JSON.stringify(renderSlack(typed, 'vi'))).toContain('đã gõ /tomtat ở nhóm');
  });
});
