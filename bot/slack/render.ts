import type { ActionsBlock, Button as SlackButton, KnownBlock, SectionBlock } from '@slack/types';
import { spellCommands, spellReply } from '../core/command-ref.ts';
import { SLASH_COMMAND } from './command-line.ts';
import type { Block, Button, Reply } from '../core/reply.ts';
import { renderTable } from '../format.ts';
import { graphemePrefix } from '../format/clip.ts';
import { type Locale, t } from '../i18n/index.ts';

/** Slack types a command after its one slash command: `/thads tomtat`. */
export const slackSpelling = (word: string): string => `${SLASH_COMMAND} ${word}`;

/** A catalogue text for a Slack surface that is not a reply (a view, a modal's errors): its commands spelled. */
export const slackText = (text: string): string => spellCommands(text, slackSpelling);

/** Slack's limits (Block Kit reference): blocks per message, text per section, fields per section… */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  actionsPerBlock: 25,
  buttonText: 75,
  buttonValue: 2000,
  fallbackText: 3000,
} as const;

/** More rows of buttons than this are packed side by side: a menu, not a keyboard. */
const MAX_ACTION_ROWS = 5;

/**
 * Slack's mrkdwn knows three control characters; escaped, user text can name no one (`<@U1>`,
 * `<!channel>`) and link nowhere (`<http://…|here>`). Used for every text we send, tables too.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A reply as one Slack message: Block Kit blocks and the fallback `text` notifications show.
 * Over 50 blocks the content is cut (buttons kept) and a last line says the answer was shortened.
 */
export function renderSlack(reply: Reply, locale: Locale): { text: string; blocks: KnownBlock[] } {
  return { text: fallbackText(spellReply(reply, slackSpelling)), blocks: renderSlackBlocks(reply, locale, SLACK_LIMITS.messageBlocks) };
}

/** The blocks of a reply within `maxBlocks` (50 in a message, 100 in a view such as the App Home). */
export function renderSlackBlocks(given: Reply, locale: Locale, maxBlocks: number): KnownBlock[] {
  const reply = spellReply(given, slackSpelling);
  const warn = reply.tone === 'error' ? '⚠️ ' : '';
  const head: KnownBlock[] = reply.title ? [header(warn + reply.title)] : [];
  const content = reply.blocks.flatMap((block, i) => renderBlock(block, !reply.title && i === 0 ? warn : ''));
  const actions = renderActions(reply.buttons);
  const all = [...head, ...content, ...actions];
  if (all.length <= maxBlocks) return all;
  // Buttons are what the person does next: the content gives way first.
  const kept = actions.slice(0, Math.max(0, maxBlocks - head.length - 2));
  const room = maxBlocks - head.length - kept.length - 1;
  return [...head, ...content.slice(0, room), contextBlock(t(locale, 'views.truncated')), ...kept];
}

/** A header block: plain text on one line, cut to Slack's 150 characters. */
export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: cutText(text.replace(/\s+/g, ' ').trim(), SLACK_LIMITS.headerText), emoji: true } };
}

function renderBlock(block: Block, prefix: string): KnownBlock[] {
  switch (block.kind) {
    case 'text':
      return splitLines(escapeMrkdwn(prefix + block.text), SLACK_LIMITS.sectionText).map(section);
    case 'context':
      return splitLines(escapeMrkdwn(block.text), SLACK_LIMITS.sectionText).map(contextBlock);
    case 'fields':
      return renderFields(block.fields);
    case 'table':
      return renderTableBlocks(renderTable(block.headers, block.rows, { align: block.align }));
  }
}

const section = (mrkdwn: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } });
const contextBlock = (mrkdwn: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn }] });

/** Label in bold above its value, ten to a section (Slack's limit), each cut to 2,000 characters. */
function renderFields(fields: { label: string; value: string }[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.fieldsPerSection) {
    blocks.push({
      type: 'section',
      fields: fields.slice(i, i + SLACK_LIMITS.fieldsPerSection).map((f) => ({
        type: 'mrkdwn' as const,
        text: cutText(`*${escapeMrkdwn(f.label.trim())}*\n${escapeMrkdwn(f.value)}`, SLACK_LIMITS.fieldText),
      })),
    });
  }
  return blocks;
}

/**
 * A monospace table in ``` blocks under the section limit, the header and rule repeated in
 * each; a row too long for any block (never seen in practice) is cut rather than dropped.
 */
function renderTableBlocks(table: string): KnownBlock[] {
  const fence = (lines: string[]) => '```\n' + lines.join('\n') + '\n```';
  const [title = '', rule = '', ...rows] = table.split('\n').map(escapeMrkdwn);
  // Only absurd column names make a header this wide: cut, it leaves room for the rows.
  const head = [title, rule].map((line) => cutText(line, SLACK_LIMITS.sectionText / 3));
  const room = SLACK_LIMITS.sectionText - fence(head).length - 1;
  const blocks: string[] = [];
  let chunk: string[] = [];
  for (const raw of rows) {
    const row = raw.length > room ? cutText(raw, room) : raw;
    if (chunk.length > 0 && fence([...head, ...chunk, row]).length > SLACK_LIMITS.sectionText) {
      blocks.push(fence([...head, ...chunk]));
      chunk = [];
    }
    chunk.push(row);
  }
  if (chunk.length > 0 || blocks.length === 0) blocks.push(fence([...head, ...chunk]));
  return blocks.map(section);
}

/**
 * Buttons as actions blocks, one per row (25 buttons at most in a block). `action_id` is
 * `cmd:<row>-<col>`, unique in the message; `value` is the command line the button runs.
 */
export function renderActions(buttons: Button[][] | undefined): ActionsBlock[] {
  const rows = (buttons ?? []).map((row, r) => row.map((b, c) => ({ b, id: `cmd:${r}-${c}` }))).filter((row) => row.length > 0);
  if (rows.length === 0) return [];
  const primary = primaryButton(rows.flat().map((x) => x.b));
  const packed = rows.length > MAX_ACTION_ROWS ? [rows.flat()] : rows;
  const blocks: ActionsBlock[] = [];
  for (const row of packed) {
    for (let i = 0; i < row.length; i += SLACK_LIMITS.actionsPerBlock) {
      blocks.push({ type: 'actions', elements: row.slice(i, i + SLACK_LIMITS.actionsPerBlock).map((x) => slackButton(x.b, x.id, x.b === primary)) });
    }
  }
  return blocks;
}

/**
 * Green is for the one obvious next step: the only button offered, or the confirm beside a
 * cancel (`huy`). A list of cases or a menu has none, since no choice there is the default.
 */
function primaryButton(buttons: Button[]): Button | undefined {
  const [first] = buttons;
  if (!first || first.action === 'huy') return undefined;
  if (buttons.length === 1) return first;
  return buttons.some((b) => b.action === 'huy') ? first : undefined;
}

function slackButton(b: Button, actionId: string, primary: boolean): SlackButton {
  // Cut short, an action would run a different command: a command must keep its actions short.
  if (b.action.length === 0 || b.action.length > SLACK_LIMITS.buttonValue) {
    throw new Error(`Button action empty or over ${SLACK_LIMITS.buttonValue} characters, Slack would refuse it: "${b.action.slice(0, 80)}"`);
  }
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: cutText(b.label.replace(/\s+/g, ' ').trim() || b.action, SLACK_LIMITS.buttonText), emoji: true },
    value: b.action,
    ...(primary ? { style: 'primary' as const } : {}),
  };
}

/** What a notification shows: the title and the first paragraph (else the first figure), escaped like the blocks. */
function fallbackText(reply: Reply): string {
  const first = reply.blocks.find((b) => b.kind === 'text') ?? reply.blocks.find((b) => b.kind === 'context') ?? reply.blocks[0];
  const gist =
    first?.kind === 'fields' ? first.fields.slice(0, 1).map((f) => `${f.label}: ${f.value}`).join('') : first?.kind === 'table' ? first.headers.join(' · ') : first?.text;
  const parts = [reply.title, gist].filter((p): p is string => Boolean(p?.trim()));
  const warn = reply.tone === 'error' ? '⚠️ ' : '';
  return cutText(escapeMrkdwn(warn + parts.join('\n')), SLACK_LIMITS.fallbackText) || '…';
}

/**
 * Cuts to at most `max` UTF-16 units, ending with `…` when something was cut, never inside an
 * HTML entity (`&amp;` would show as `&am`) or a grapheme (bot/format/clip.ts).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const amp = text.lastIndexOf('&', end - 1);
  if (amp >= 0 && amp > end - 6 && !text.slice(amp, end).includes(';')) end = amp;
  return `${graphemePrefix(text, end).trimEnd()}…`;
}

/** Escaped text in pieces of at most `max`, split between lines; a longer line is cut at spaces. */
function splitLines(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const push = (line: string) => {
    if (current !== '' && current.length + 1 + line.length > max) {
      pieces.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  };
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      const space = rest.lastIndexOf(' ', max);
      let end = space > max / 2 ? space : max;
      const amp = rest.lastIndexOf('&', end - 1);
      if (amp > end - 6 && !rest.slice(amp, end).includes(';')) end = amp;
      // A single grapheme longer than the limit (never seen in practice) is cut between code points.
      end = graphemePrefix(rest, end).length || (/[\uD800-\uDBFF]/.test(rest[end - 1] ?? '') ? end - 1 : end);
      push(rest.slice(0, end).trimEnd());
      rest = rest.slice(end).trimStart();
    }
    push(rest);
  }
  if (current.trim() !== '') pieces.push(current);
  return pieces.filter((p) => p.trim() !== '');
}
