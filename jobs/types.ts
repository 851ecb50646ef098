import type { Logger } from '../server/logger.ts';
import type { ChartRenderer } from '../bot/charts/renderer.ts';
import type { Reply } from '../bot/core/reply.ts';
import type { Locale } from '../bot/i18n/index.ts';
import type { Db } from '../db/client.ts';
import type { NumbersOptions } from '../db/numbers/options.ts';
import type { ChatPlatform } from '../db/schema.ts';

/** What a job body may use: the database and the rules, nothing that sends or schedules. */
export interface JobDeps {
  db: Db;
  numbers: NumbersOptions;
  logger: Logger;
  config: { timeZone: string; defaultLocale: Locale };
  /** Draws the briefing's chart; absent on Workers (bot/charts/renderer.ts): the briefing goes without it. */
  charts?: ChartRenderer;
}

/** Where a planned message goes: a unit's group or channel, or a person's private chat (a Slack user id opens a DM). */
export interface Destination {
  platform: ChatPlatform;
  chatId: string;
}

/** Someone named in a message, to be turned into a real mention by the sender (Telegram tg://user link, Slack <@U…>). */
export interface Mention {
  /** The text as it appears in the rendered message (the officer's full name). */
  name: string;
  /** The person's account on the destination's platform. */
  externalId: string;
}

/** One message a job wants delivered; the outbox keeps one per (job, destination, period). */
export interface PlannedMessage {
  job: string;
  destination: Destination;
  /** The period the message speaks for, e.g. `2026-W48` or `2026-11-23`; part of the once-only key. */
  period: string;
  /** Platform-neutral; each sender renders it for its platform. */
  reply: Reply;
  locale: Locale;
  mentions?: Mention[];
  /** The platform's id of a message in the same chat this one answers (Telegram reply, Slack thread). */
  replyTo?: string;
  /** A picture sent after the text, as the last part of the same delivery (the briefing's chart). */
  photo?: Photo;
}

/** A PNG with a short caption and the file name it is uploaded under. */
export interface Photo {
  png: Uint8Array;
  caption: string;
  filename: string;
}

/** A scheduled job: its body is a pure function of the database and the clock. */
export interface Job {
  name: string;
  /** Cron expression in TZ_APP (five fields). */
  defaultSchedule: string;
  /** Skip weekends and Vietnamese public holidays (db/calendar.ts). */
  workingDaysOnly: boolean;
  run(deps: JobDeps, now: Date): Promise<PlannedMessage[]>;
  /** Housekeeping that changes the database itself and plans nothing: a dry run must not call it. */
  housekeeping?: boolean;
}
