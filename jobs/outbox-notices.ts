/**
 * When a chat has removed the bot (or no longer exists), the province's leaders are told, once:
 * the notice is itself an outbox row whose period is the unreachable destination, so the unique
 * key keeps it to one per destination however many messages bounce.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { message } from '../bot/core/reply.ts';
import { type Locale, t } from '../bot/i18n/index.ts';
import type { Db } from '../db/client.ts';
import { chatIdentities, type ChatPlatform, staff, units } from '../db/schema.ts';
import type { Delivery } from '../db/outbox.ts';
import type { PlannedMessage } from './types.ts';

export const NOTICES_JOB = 'delivery-notices';

const LEADER_ROLES = ['province_head', 'province_deputy'] as const;

interface Place {
  label: string;
  provinceId: number;
}

/** The notices to plan for a destination found unreachable (none for a bounced notice). */
export async function planUnreachableNotice(db: Db, row: Delivery, reason: string, defaultLocale: Locale): Promise<PlannedMessage[]> {
  if (row.job === NOTICES_JOB) return [];
  const place = await findPlace(db, row.platform, row.destination);
  if (!place) return [];
  const period = `${row.platform}:${row.destination}`;
  const params = { place: place.label, job: row.job, reason };
  const plan = (chatId: string, locale: Locale): PlannedMessage => ({
    job: NOTICES_JOB,
    destination: { platform: row.platform, chatId },
    period,
    locale,
    reply: { ...message(t(locale, 'delivery.notice.text', params), 'error'), title: t(locale, 'delivery.notice.title', params) },
  });
  const leaders = await db
    .select({ chatId: chatIdentities.externalId, locale: staff.locale })
    .from(staff)
    .innerJoin(chatIdentities, and(eq(chatIdentities.staffId, staff.id), eq(chatIdentities.platform, row.platform)))
    .where(and(eq(staff.unitId, place.provinceId), inArray(staff.role, [...LEADER_ROLES]), eq(staff.active, true)));
  const reachable = leaders.filter((l) => l.chatId !== row.destination);
  if (reachable.length > 0) return reachable.map((l) => plan(l.chatId, l.locale ?? defaultLocale));
  // No leader has linked this platform: the province's own channel, unless that is what bounced.
  const [province] = await db.select().from(units).where(eq(units.id, place.provinceId));
  const channel = row.platform === 'telegram' ? province?.telegramChatId : province?.slackChannelId;
  return channel && channel !== row.destination ? [plan(channel, defaultLocale)] : [];
}

/** The unit whose channel this is, or the person whose private chat it is, and their province. */
async function findPlace(db: Db, platform: ChatPlatform, chatId: string): Promise<Place | undefined> {
  const column = platform === 'telegram' ? units.telegramChatId : units.slackChannelId;
  const [unit] = await db.select().from(units).where(eq(column, chatId)).limit(1);
  if (unit) return { label: `${unit.name} (${unit.code})`, provinceId: unit.kind === 'province' ? unit.id : (unit.parentId ?? unit.id) };
  const [person] = await db
    .select({ name: staff.fullName, code: staff.code, unitId: units.id, kind: units.kind, parentId: units.parentId })
    .from(chatIdentities)
    .innerJoin(staff, eq(staff.id, chatIdentities.staffId))
    .innerJoin(units, eq(units.id, staff.unitId))
    .where(and(eq(chatIdentities.platform, platform), eq(chatIdentities.externalId, chatId)))
    .limit(1);
  if (!person) return undefined;
  return { label: `${person.name} (${person.code})`, provinceId: person.kind === 'province' ? person.unitId : (person.parentId ?? person.unitId) };
}
