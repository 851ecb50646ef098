import type { Logger } from '../../server/logger.ts';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Person } from '../../db/identity.ts';
import type { NumbersOptions } from '../../db/numbers/options.ts';
import type { ResultCache } from '../../db/result-cache.ts';
import type { IsoDate } from '../../db/work-year.ts';
import type { Locale } from '../i18n/index.ts';
import type { Outgoing, Reply } from './reply.ts';

export type Platform = 'telegram' | 'slack' | 'console' | 'web';

/** What the core needs from the server; server/deps.ts provides it. */
export interface CoreDeps {
  db: Db;
  numbers: NumbersOptions;
  /** Results kept or shared for this database; writers tell it what they changed. */
  cache: ResultCache;
  now: () => Date;
  logger: Logger;
  /** `publicUrl`: the web app's address, for the links the bot sends (sign-in). */
  config: { timeZone: string; defaultLocale: Locale; publicUrl: string };
}

export interface CommandContext {
  deps: CoreDeps;
  /** The staff member behind the chat account; null for someone not linked yet. */
  person: Person | null;
  locale: Locale;
  /** Where the message came from: case details go only to private chats. */
  chat: { platform: Platform; id: string; isPrivate: boolean };
  /** The chat account (Telegram user id, Slack user id, staff code on the console). */
  account: { platform: Platform; externalId: string };
  today: IsoDate;
  /** The text after the command word as typed, line breaks kept (a note's own words). */
  argsText?: string;
  /** The platform can show a form now (bot/forms): a command may answer with one (Reply.form). */
  forms: boolean;
  /** The line is a pressed button's action rather than typed. */
  pressed: boolean;
}

/**
 * One chat command: its Vietnamese name and English alias, who may run it at all (finer
 * checks — which unit, which case — are made in `run` through db/access.ts), how its words
 * parse, and what it does. Help text comes from the catalogue keys `cmd.<name>.usage/.desc`.
 */
export interface Command<Args = unknown> {
  name: string;
  alias: string;
  allowed(person: Person | null): boolean;
  /** Parses the words after the command; a failure answers with the usage. */
  args: z.ZodType<Args, string[]>;
  run(ctx: CommandContext, args: Args): Promise<Reply | Outgoing[]>;
  /**
   * The form (bot/forms) this command opens instead, where the platform can show one: its id, and
   * the values it starts with for these words, or undefined when the words ask for no form.
   */
  form?: { id: string; initial(words: string[], pressed: boolean): Record<string, string> | undefined };
}

/** Keeps each command's argument type checked while the registry holds them side by side. */
export function defineCommand<Args>(command: Command<Args>): Command<unknown> {
  return command as Command<unknown>;
}
