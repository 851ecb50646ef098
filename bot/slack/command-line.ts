import type { Command } from '../core/command.ts';
import { findCommand } from '../core/dispatch.ts';
import type { Block, Reply } from '../core/reply.ts';
import { fold } from '../core/suggest.ts';

/** The one slash command the app registers (manifest.json): `/thads <command> …`. */
export const SLASH_COMMAND = '/thads';

/** Slack writes &, < and > as entities in the text it sends: the core reads what was typed. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The core's line for what followed `/thads`: nothing is the help; a command's name becomes
 * "/name …", as typed on Telegram; anything else stays plain, as it may answer the question a
 * step-by-step dialogue asked (bot/slack/answer.ts looks).
 */
export function slashLine(text: string, commands: readonly Command[]): string {
  const typed = unescapeSlack(text).trim().replace(/^\//, '');
  if (typed === '') return '/trogiup';
  const [first = ''] = typed.split(/\s+/);
  return findCommand(commands, fold(first)) ? `/${typed}` : typed;
}

/**
 * The core's messages name commands as typed on Telegram ("/tomtat"); in Slack they are typed
 * after `/thads`, so each mention of a known command's name or alias is rewritten.
 */
export function slackifyReply(reply: Reply, commands: readonly Command[]): Reply {
  const names = new Set(commands.flatMap((c) => [c.name, c.alias]));
  const fix = (text: string) =>
    text.replace(/(^|[\s(“"'])\/([\p{L}\p{N}_]+)/gu, (whole, before: string, word: string) =>
      names.has(word) ? `${before}${SLASH_COMMAND} ${word}` : whole,
    );
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'text':
      case 'context':
        return { ...b, text: fix(b.text) };
      case 'fields':
        return { ...b, fields: b.fields.map((f) => ({ label: f.label, value: fix(f.value) })) };
      case 'table':
        return b;
    }
  };
  return { ...reply, ...(reply.title ? { title: fix(reply.title) } : {}), blocks: reply.blocks.map(block) };
}
