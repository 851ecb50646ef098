import type { Command } from '../core/command.ts';
import type { Block, Reply } from '../core/reply.ts';

/** The one slash command the app registers (manifest.json): `/thads <command> …`. */
export const SLASH_COMMAND = '/thads';

/** Slack writes &, < and > as entities in the text it sends: the core reads what was typed. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The core's line for what followed `/thads`: nothing is the help; anything else as typed. Whether
 * it is a command or answers the question a step-by-step dialogue asked is decided once the
 * person is known (bot/slack/answer.ts, then the core's resolveText), as on Telegram: "Việc
 * đương sự hẹn nộp" is a note while one is awaited, though it starts like `viec`.
 */
export function slashLine(text: string): string {
  const typed = unescapeSlack(text).trim();
  return typed === '' ? '/trogiup' : typed;
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
