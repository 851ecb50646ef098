import type { Person } from '../../db/identity.ts';
import { UserError } from '../../db/errors.ts';
import { clipText } from '../format/clip.ts';
import { todayIn } from '../../db/work-year.ts';
import { resolveText } from '../dialogue/route.ts';
import { type Locale, t } from '../i18n/index.ts';
import { findForm } from '../forms/index.ts';
import type { Command, CommandContext, CoreDeps, Platform } from './command.ts';
import { commandRef } from './command-ref.ts';
import { hasControlCharacters } from './control-characters.ts';
import { message, type Outgoing } from './reply.ts';
import { closest, fold } from './suggest.ts';

/** Longer messages are refused before anything is parsed: no command needs more. */
export const MAX_INPUT = 4000;

export interface Incoming {
  text: string;
  person: Person | null;
  /** The chat the message came from (a Telegram chat id, a Slack channel, the staff code on the console). */
  chat: { platform: Platform; id: string; isPrivate: boolean };
  account: { platform: Platform; externalId: string };
  /** The language chosen for this turn (bot/core/turn.ts chooseLocale). */
  locale: Locale;
  /** An id to log with errors (Telegram update_id, Slack event id). */
  updateId?: string;
  /** True when `text` is a pressed button's action: a command even while the bot awaits typed text. */
  pressed?: boolean;
  /** The platform can show a form now (a Slack modal). */
  forms?: boolean;
  /** Typed after the platform's one slash command (`/thads …`): a command unless it answers a pending question. */
  slash?: boolean;
}

export interface Core {
  deps: CoreDeps;
  commands: readonly Command[];
}

/**
 * Whether this line opens a form where the platform can show one (a command with a form, and
 * words that ask for it): a platform whose form must open at once (Slack's trigger expires in
 * 3 s) takes the turn without waiting. Pure: nothing is read from the database.
 */
export function opensForm(core: Core, line: string, pressed: boolean): boolean {
  const { word, args } = splitCommand(line);
  return findCommand(core.commands, word)?.form?.initial(args, pressed) !== undefined;
}

/**
 * Splits "/tomtat@thads_bot Đông Sơn" into the command word and the words after it; `rest` is
 * the text after the command word as typed (line breaks kept, for a note).
 */
export function splitCommand(text: string): { word: string; args: string[]; rest: string } {
  const trimmed = text.trim();
  const [first = '', ...words] = trimmed.split(/\s+/);
  const word = fold(first.replace(/^\//, '').replace(/@\S*$/, ''));
  return { word, args: words, rest: trimmed.slice(first.length).trim() };
}

export function findCommand(commands: readonly Command[], word: string): Command | undefined {
  return commands.find((c) => c.name === word || c.alias === word);
}

/**
 * The router of a turn (bot/core/turn.ts): find the command, check who may run it,
 * parse its words, run it, and turn any error into a message in the person's language —
 * a mistake of theirs explained, one of ours logged with the update id and apologised for.
 */
export async function dispatch(core: Core, incoming: Incoming): Promise<Outgoing[]> {
  const { deps } = core;
  const { locale } = incoming;
  const say = (key: string, params?: Record<string, string | number>, tone: 'info' | 'error' = 'error'): Outgoing[] => [
    { to: 'chat', reply: message(t(locale, key, params), tone) },
  ];
  if (incoming.text.length > MAX_INPUT) return say('core.too_long', { max: MAX_INPUT });
  // Refused before anything reads it: every platform's text, button and console line comes here.
  if (hasControlCharacters(incoming.text)) return say('core.control_characters');
  // Text without "/" may answer a step-by-step question (db/dialogues.ts); other chatter gets
  // a hint in a private chat and silence in a group, where people talk among themselves.
  let line: string | null;
  try {
    line = await resolveText(deps, incoming, (word) => findCommand(core.commands, word) !== undefined);
  } catch (error) {
    deps.logger.error({ err: error, updateId: incoming.updateId }, 'dialogue lookup failed');
    return say('internal_error');
  }
  if (line === null) return incoming.chat.isPrivate ? say('core.plain_text', {}, 'info') : [];
  const { word, args, rest } = splitCommand(line);
  const command = findCommand(core.commands, word);
  if (!command) {
    const names = core.commands.filter((c) => c.allowed(incoming.person)).flatMap((c) => [c.name, c.alias]);
    const guess = closest(word, names);
    return guess ? say('core.did_you_mean', { command: commandRef(guess) }) : say('core.unknown_command');
  }
  if (!command.allowed(incoming.person)) {
    return incoming.person ? say('core.not_allowed', { command: commandRef(command.name) }) : say('core.link_first');
  }
  const opening = incoming.forms ? command.form?.initial(args, incoming.pressed === true) : undefined;
  const parsed = command.args.safeParse(args);
  if (!parsed.success) return say('core.usage', { usage: t(locale, `cmd.${command.name}.usage`) });
  try {
    const ctx: CommandContext = {
      deps,
      person: incoming.person,
      locale,
      chat: incoming.chat,
      account: incoming.account,
      today: todayIn(deps.config.timeZone, deps.now()),
      argsText: rest,
      forms: incoming.forms === true,
      pressed: incoming.pressed === true,
    };
    // The form opens in place of the command's answer, its permissions checked by the form itself.
    const form = opening && command.form ? findForm(command.form.id) : undefined;
    if (opening && form) return [{ to: 'chat', reply: { blocks: [], form: await form.open(ctx, opening) } }];
    const result = await command.run(ctx, parsed.data);
    return Array.isArray(result) ? result : [{ to: 'chat', reply: result }];
  } catch (error) {
    if (error instanceof UserError) return say(error.code, quotable(error.params));
    deps.logger.error({ err: error, updateId: incoming.updateId, command: command.name }, 'command failed');
    return say('internal_error');
  }
}

/** What the person typed, quoted back in a refusal (a case, a unit, a date): its start is enough. */
const QUOTED_PARAMS = ['value', 'unit', 'case'];
const QUOTED_MAX = 41;

function quotable(params: Record<string, string | number>): Record<string, string | number> {
  const out = { ...params };
  for (const name of QUOTED_PARAMS) {
    const value = out[name];
    if (typeof value === 'string') out[name] = clipText(value, QUOTED_MAX);
  }
  return out;
}
