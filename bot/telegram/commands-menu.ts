import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Command } from '../core/command.ts';
import { type Locale, t } from '../i18n/index.ts';

/** Telegram's rules for the menu: names of 1-32 of a-z, 0-9, _; descriptions of 1-256 characters. */
const NAME = /^[a-z0-9_]{1,32}$/;
const MAX_DESCRIPTION = 256;

/**
 * The command menu Telegram shows when "/" is typed, generated from the registry like the help:
 * Vietnamese names for everyone, English aliases for clients set to English. A name Telegram
 * would refuse throws, so a test catches it rather than a start-up warning nobody reads.
 */
export function commandMenu(commands: readonly Command[], locale: Locale): BotCommand[] {
  return commands.map((c) => {
    const command = locale === 'vi' ? c.name : c.alias;
    if (!NAME.test(command)) throw new Error(`Telegram refuses the command name "${command}" (a-z, 0-9, _; 32 at most)`);
    return { command, description: clip(t(locale, `cmd.${c.name}.desc`), MAX_DESCRIPTION) };
  });
}

/** The signal type grammY's Node typings name (the abort-controller polyfill's). */
export type ApiSignal = Parameters<Api['getMe']>[0];

/**
 * A standard AbortSignal as grammY's Node typings want it: node-fetch only calls its
 * addEventListener and reads `aborted`, which the global one has, so only the type differs.
 */
export function apiSignal(signal: AbortSignal): ApiSignal {
  return signal as unknown as ApiSignal;
}

/** Publishes both menus (setMyCommands): the default one in Vietnamese, and one for language_code "en". */
export async function publishCommandMenus(api: Api, commands: readonly Command[], signal?: ApiSignal): Promise<void> {
  await api.setMyCommands(commandMenu(commands, 'vi'), {}, signal);
  await api.setMyCommands(commandMenu(commands, 'en'), { language_code: 'en' }, signal);
}

function clip(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
