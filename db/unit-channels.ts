/**
 * Units' groups and channels on the chat platforms (unit_channels): where the jobs post a
 * unit's messages ('unit'), and a province's leaders' group ('leaders'). units.csv sets the
 * 'unit' ones (db/import/units.ts); these are the reads and writes everything else uses.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from './client.ts';
import { type ChatPlatform, chatPlatforms, type UnitChannelPurpose, type UnitKind, unitChannels, units } from './schema.ts';

/** A unit that has a group or channel to post to, with them (Telegram first). */
export interface UnitWithChannels {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  destinations: { platform: ChatPlatform; chatId: string }[];
}

/** The units with a 'unit' group or channel on any platform, by code, each with its destinations in the order of `chatPlatforms`. */
export async function getUnitChannels(db: Db): Promise<UnitWithChannels[]> {
  const rows = await db
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind, platform: unitChannels.platform, chatId: unitChannels.chatId })
    .from(unitChannels)
    .innerJoin(units, eq(units.id, unitChannels.unitId))
    .where(eq(unitChannels.purpose, 'unit'))
    .orderBy(units.code);
  const byId = new Map<number, UnitWithChannels>();
  for (const r of rows) {
    const unit = byId.get(r.id) ?? { id: r.id, code: r.code, name: r.name, kind: r.kind, destinations: [] };
    unit.destinations.push({ platform: r.platform, chatId: r.chatId });
    byId.set(r.id, unit);
  }
  const rank = (platform: ChatPlatform) => chatPlatforms.indexOf(platform);
  for (const unit of byId.values()) unit.destinations.sort((a, b) => rank(a.platform) - rank(b.platform));
  return [...byId.values()];
}

/** The unit's group or channel of this purpose on `platform`, if it has one. */
export async function getUnitChannel(db: Db, unitId: number, platform: ChatPlatform, purpose: UnitChannelPurpose = 'unit'): Promise<string | undefined> {
  const [row] = await db
    .select({ chatId: unitChannels.chatId })
    .from(unitChannels)
    .where(and(eq(unitChannels.unitId, unitId), eq(unitChannels.platform, platform), eq(unitChannels.purpose, purpose)));
  return row?.chatId;
}

/** A unit whose group or channel (of any purpose) this chat is; the first by id when units share it. */
export async function findUnitByChannel(
  db: Db,
  platform: ChatPlatform,
  chatId: string,
): Promise<{ id: number; code: string; name: string; kind: UnitKind; parentId: number | null } | undefined> {
  const [unit] = await db
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind, parentId: units.parentId })
    .from(unitChannels)
    .innerJoin(units, eq(units.id, unitChannels.unitId))
    .where(and(eq(unitChannels.platform, platform), eq(unitChannels.chatId, chatId)))
    .orderBy(units.id)
    .limit(1);
  return unit;
}

/**
 * Makes `chatId` the unit's group or channel of this purpose on `platform`, replacing the one
 * it had. A chat serves a unit for one purpose: naming the unit's leaders' group as its own
 * group (or the reverse) moves it.
 */
export async function setUnitChannel(db: Db, unitId: number, platform: ChatPlatform, chatId: string, purpose: UnitChannelPurpose = 'unit'): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(unitChannels)
      .where(and(eq(unitChannels.unitId, unitId), eq(unitChannels.platform, platform), eq(unitChannels.purpose, purpose), ne(unitChannels.chatId, chatId)));
    await tx
      .insert(unitChannels)
      .values({ unitId, platform, chatId, purpose })
      .onConflictDoUpdate({ target: [unitChannels.unitId, unitChannels.platform, unitChannels.chatId], set: { purpose } });
  });
}

/** Removes the unit's group or channel of this purpose on `platform`; false when it had none. */
export async function removeUnitChannel(db: Db, unitId: number, platform: ChatPlatform, purpose: UnitChannelPurpose = 'unit'): Promise<boolean> {
  const rows = await db
    .delete(unitChannels)
    .where(and(eq(unitChannels.unitId, unitId), eq(unitChannels.platform, platform), eq(unitChannels.purpose, purpose)))
    .returning({ chatId: unitChannels.chatId });
  return rows.length > 0;
}
