import type { Block, Reply } from './reply.ts';

/**
 * A command named in a text ("gõ /tomtat để xem…") is written once, as a reference, and each
 * renderer spells it the way its platform types it: `/tomtat` on Telegram and the console,
 * `/thads tomtat` on Slack. Catalogue texts write `{/tomtat}` (bot/i18n turns it into a
 * reference); code writes `commandRef('tomtat')`. Two private-use characters mark it: nobody
 * types them, and a text that still holds one after rendering is a bug the tests look for.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const REF = /\uE000([^\uE000\uE001]*)\uE001/g;

/** How a platform types a command word. */
export type CommandSpelling = (word: string) => string;

/** Telegram, the console and any platform with its own "/" commands. */
export const slashSpelling: CommandSpelling = (word) => `/${word}`;

export function commandRef(word: string): string {
  return `${OPEN}${word}${CLOSE}`;
}

export function spellCommands(text: string, spell: CommandSpelling): string {
  return text.includes(OPEN) ? text.replace(REF, (_, word: string) => spell(word)) : text;
}

/** True when `text` still holds a reference no renderer spelled. */
export function hasCommandRef(text: string): boolean {
  return text.includes(OPEN) || text.includes(CLOSE);
}

/** The reply with every reference spelled: its title, texts, fields, table cells and button labels. */
export function spellReply(reply: Reply, spell: CommandSpelling): Reply {
  const fix = (text: string) => spellCommands(text, spell);
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'text':
      case 'context':
        return { ...b, text: fix(b.text) };
      case 'fields':
        return { ...b, fields: b.fields.map((f) => ({ label: fix(f.label), value: fix(f.value) })) };
      case 'table':
        return { ...b, headers: b.headers.map(fix), rows: b.rows.map((row) => row.map(fix)) };
    }
  };
  return {
    ...reply,
    ...(reply.title !== undefined ? { title: fix(reply.title) } : {}),
    blocks: reply.blocks.map(block),
    ...(reply.buttons ? { buttons: reply.buttons.map((row) => row.map((b) => ({ ...b, label: fix(b.label) }))) } : {}),
  };
}
