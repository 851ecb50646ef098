import { slashSpelling, spellReply } from '../core/command-ref.ts';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Button, Reply } from '../core/reply.ts';
import { renderTable } from '../format.ts';

/**
 * Telegram refuses a text over 4,096 characters. It counts after parsing the HTML; we count the
 * HTML we send, tags and entities included, which is stricter and needs no parser to check.
 */
export const MAX_MESSAGE_LENGTH = 4096;
/** Telegram's limit on callback_data, in bytes of UTF-8. */
export const MAX_CALLBACK_BYTES = 64;

/** One sendMessage call's worth: HTML text (parse_mode HTML) and, on the last one, the keyboard. */
export interface TelegramMessage {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

/** Telegram's HTML needs only these three escaped (quotes matter only inside attributes, which we never write). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A line as HTML, with its plain text for the rare line too long to keep whole. */
interface Line {
  html: string;
  plain: string;
}

const plainLine = (text: string): Line => ({ html: escapeHtml(text), plain: text });
const tagged = (tag: 'b' | 'i', text: string): Line => ({ html: `<${tag}>${escapeHtml(text)}</${tag}>`, plain: text });

/**
 * A reply as Telegram messages: title in bold, fields as "<b>label</b>: value", tables in <pre>,
 * context in italics. Long replies are split at line boundaries, never inside a tag; a table is
 * split into several <pre> blocks, each repeating the header. The keyboard goes on the last message.
 */
export function renderTelegram(given: Reply, limit = MAX_MESSAGE_LENGTH): TelegramMessage[] {
  const reply = spellReply(given, slashSpelling);
  const packer = createPacker(limit);
  if (reply.title) packer.block(reply.title.split('\n').map((l) => tagged('b', l)));
  for (const block of reply.blocks) {
    if (block.kind === 'text') packer.block(block.text.split('\n').map(plainLine));
    else if (block.kind === 'context') packer.block(block.text.split('\n').map((l) => tagged('i', l)));
    else if (block.kind === 'fields') {
      packer.block(block.fields.map((f) => ({ html: `<b>${escapeHtml(f.label)}</b>: ${escapeHtml(f.value)}`, plain: `${f.label}: ${f.value}` })));
    } else packer.table(renderTable(block.headers, block.rows, { align: block.align }).split('\n'));
  }
  const texts = packer.finish();
  const keyboard = renderKeyboard(reply.buttons);
  return texts.map((text, i) => (keyboard && i === texts.length - 1 ? { text, reply_markup: keyboard } : { text }));
}

/**
 * Buttons as an inline keyboard whose callback_data is the button's command line. An action over
 * 64 bytes throws: cut short it would run a different command, so a command must keep its
 * actions short (case codes, not free text) and tests catch the one that does not.
 */
export function renderKeyboard(buttons: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  const rows = (buttons ?? []).filter((row) => row.length > 0);
  if (rows.length === 0) return undefined;
  return {
    inline_keyboard: rows.map((row) =>
      row.map((b) => {
        if (!fitsCallbackData(b.action)) {
          throw new Error(`Button action over ${MAX_CALLBACK_BYTES} bytes, Telegram would refuse it: "${b.action}"`);
        }
        return { text: b.label, callback_data: b.action };
      }),
    ),
  };
}

/** Whether a button action fits Telegram's callback_data (commands can check before offering one). */
export function fitsCallbackData(action: string): boolean {
  const bytes = new TextEncoder().encode(action).length;
  return bytes > 0 && bytes <= MAX_CALLBACK_BYTES;
}

function createPacker(limit: number) {
  const messages: string[] = [];
  let current = '';
  const room = (gap: string) => (current === '' ? limit : limit - current.length - gap.length);
  const flush = () => {
    if (current !== '') messages.push(current);
    current = '';
  };
  // Callers guarantee html.length <= limit.
  const put = (html: string, gap: string) => {
    if (html.length > room(gap)) flush();
    current = current === '' ? html : current + gap + html;
  };
  const putLine = (line: Line, gap: string) => {
    if (line.html.length <= limit) return put(line.html, gap);
    // Only a pathological line (thousands of characters without a newline) loses its formatting.
    cutPlain(line.plain, limit).forEach((piece, i) => put(escapeHtml(piece), i === 0 ? gap : '\n'));
  };
  const pre = (lines: string[]) => `<pre>${lines.join('\n')}</pre>`;
  return {
    /** Lines kept together where they fit; blocks are separated by a blank line. */
    block(lines: Line[]) {
      lines.forEach((line, i) => putLine(line, i === 0 ? '\n\n' : '\n'));
    },
    table(lines: string[]) {
      const head = lines.slice(0, 2).map(escapeHtml);
      let rows: string[] = [];
      for (const raw of lines.slice(2)) {
        const row = escapeHtml(raw);
        if (pre([...head, ...rows, row]).length <= room('\n\n')) {
          rows.push(row);
          continue;
        }
        if (rows.length > 0) put(pre([...head, ...rows]), '\n\n');
        flush();
        rows = [];
        if (pre([...head, row]).length <= limit) rows.push(row);
        else putLine(plainLine(raw), '\n\n');
      }
      if (rows.length > 0 || lines.length <= 2) {
        const html = pre([...head, ...rows]);
        if (html.length <= limit) put(html, '\n\n');
        else lines.slice(0, 2).forEach((l, i) => putLine(plainLine(l), i === 0 ? '\n\n' : '\n'));
      }
    },
    finish(): string[] {
      flush();
      return messages;
    },
  };
}

/** Cuts plain text into pieces whose escaped HTML fits, at the last space where there is one. */
function cutPlain(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = [...text];
  while (rest.length > 0) {
    let size = 0;
    let end = 0;
    while (end < rest.length && size + escapeHtml(rest[end]!).length <= limit) size += escapeHtml(rest[end++]!).length;
    if (end < rest.length) {
      const space = rest.lastIndexOf(' ', end - 1);
      if (space > end / 2) end = space + 1;
    }
    pieces.push(rest.slice(0, end).join('').trim());
    rest = rest.slice(end);
  }
  return pieces.filter((p) => p !== '');
}
