import { inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type ChatPlatform, chatIdentities, units } from '../../db/schema.ts';
import type { Destination, Mention } from '../types.ts';

/** A unit that has a group or channel to post to. */
export interface UnitChannels {
  id: number;
  code: string;
  name: string;
  kind: 'province' | 'local';
  destinations: Destination[];
}

/** The units with a Telegram group or a Slack channel, each with its destinations (Telegram first). */
export async function getUnitChannels(db: Db): Promise<UnitChannels[]> {
  const rows = await db
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind, telegram: units.telegramChatId, slack: units.slackChannelId })
    .from(units)
    .where(or(isNotNull(units.telegramChatId), isNotNull(units.slackChannelId)))
    .orderBy(units.code);
  return rows.map((u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    destinations: [
      ...(u.telegram ? [{ platform: 'telegram' as const, chatId: u.telegram }] : []),
      ...(u.slack ? [{ platform: 'slack' as const, chatId: u.slack }] : []),
    ],
  }));
}

/** Staff id → their linked account on each platform. */
export type ChatAccounts = Map<number, Partial<Record<ChatPlatform, string>>>;

/** The linked chat accounts of these staff members. */
export async function getChatAccounts(db: Db, staffIds: readonly number[]): Promise<ChatAccounts> {
  const accounts: ChatAccounts = new Map();
  const ids = [...new Set(staffIds)];
  if (ids.length === 0) return accounts;
  const rows = await db.select().from(chatIdentities).where(inArray(chatIdentities.staffId, ids));
  for (const r of rows) accounts.set(r.staffId, { ...accounts.get(r.staffId), [r.platform]: r.externalId });
  return accounts;
}

/** The people named in a message who have an account on `platform`, each once, for the sender to turn into mentions. */
export function mentionsOn(platform: ChatPlatform, people: readonly { id: number | null; name: string | null }[], accounts: ChatAccounts): Mention[] {
  const seen = new Set<number>();
  const mentions: Mention[] = [];
  for (const p of people) {
    if (p.id === null || p.name === null || seen.has(p.id)) continue;
    seen.add(p.id);
    const externalId = accounts.get(p.id)?.[platform];
    if (externalId) mentions.push({ name: p.name, externalId });
  }
  return mentions;
}
