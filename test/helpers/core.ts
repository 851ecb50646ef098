import pino from 'pino';
import { commands } from '../../bot/commands/index.ts';
import type { CoreDeps, Platform } from '../../bot/core/command.ts';
import { type Core, dispatch } from '../../bot/core/dispatch.ts';
import { chooseLocale } from '../../bot/core/turn.ts';
import { renderPlain } from '../../bot/render/plain.ts';
import { createCalendar } from '../../db/calendar.ts';
import type { Db } from '../../db/client.ts';
import { getPersonByCode } from '../../db/identity.ts';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import type { ResultCache } from '../../db/result-cache.ts';
import { createTestCache } from './db.ts';

/**
 * The command core over a test database, on a fixed clock (23/11/2026, 09:00 in Viet Nam), with
 * its own result cache (kept on PGlite, as the server does) unless given one.
 */
export function createTestCore(
  db: Db,
  now = new Date('2026-11-23T02:00:00Z'),
  cache: ResultCache = createTestCache(db),
): Core & { logs: unknown[] } {
  const logs: unknown[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const deps: CoreDeps = {
    db,
    numbers: { calendar: createCalendar(), rules: defaultOverdueRules },
    cache,
    now: () => now,
    logger,
    config: { timeZone: 'Asia/Ho_Chi_Minh', defaultLocale: 'vi', publicUrl: 'http://127.0.0.1:3000' },
  };
  return { deps, commands, logs };
}

/** Sends one message as a staff member (by code) or a stranger (null); returns the answers as text. */
export async function say(
  core: Core,
  as: string | null,
  text: string,
  chat: { platform?: Platform; id?: string; isPrivate?: boolean } = {},
): Promise<{ to: string; text: string; buttons: string[] }[]> {
  const person = as ? await getPersonByCode(core.deps.db, as) : null;
  if (as && !person) throw new Error(`no staff ${as} in the fixture`);
  const platform = chat.platform ?? 'telegram';
  const outgoing = await dispatch(core, {
    text,
    person,
    locale: chooseLocale(core, person),
    chat: { platform, id: chat.id ?? as ?? '999', isPrivate: chat.isPrivate ?? true },
    account: { platform, externalId: as ?? '999' },
  });
  return outgoing.map((o) => ({
    to: o.to,
    text: renderPlain(o.reply),
    buttons: (o.reply.buttons ?? []).flat().map((b) => b.action),
  }));
}
