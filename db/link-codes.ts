import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './client.ts';
import { UserError } from './errors.ts';
import { auditLog, type Channel, linkCodes, staff, units } from './schema.ts';

// Read off a screen or paper and typed on a phone: no 0, O, 1, I, L, and of the look-alike
// pairs 8/B, 2/Z, 5/S at most one side.
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY2345679';
const CODE_LENGTH = 8; // 27^8 ≈ 2.8e11, ample for a 24-hour code behind an attempt limit
export const LINK_CODE_VALID_MS = 24 * 60 * 60 * 1000;

export function generateLinkCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomBelow(ALPHABET.length)];
  return code;
}

/** What a person may type: any case, spaces or dashes between groups. */
export function normalizeLinkCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** Only this hash is stored: a leaked table does not give away codes still valid (Web Crypto: Node and Workers). */
export async function hashLinkCode(code: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(normalizeLinkCode(code))));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A uniform integer in [0, n) from Web Crypto: bytes past the last whole multiple of n are drawn again (no bias). */
function randomBelow(n: number): number {
  const limit = 256 - (256 % n);
  const byte = new Uint8Array(1);
  do crypto.getRandomValues(byte);
  while (byte[0]! >= limit);
  return byte[0]! % n;
}

export interface IssuedLinkCode {
  code: string;
  expiresAt: Date;
  person: { id: number; code: string; name: string; unit: string };
}

/**
 * Issues a one-time code (valid 24 hours) with which a staff member links a chat account.
 * A new code replaces any unused one, so a code printed and lost earlier stops working.
 */
export async function issueLinkCode(
  db: Db,
  staffCode: string,
  by: { actor: string; channel: Channel; staffId?: number; now: Date },
): Promise<IssuedLinkCode> {
  const [person] = await db
    .select({ id: staff.id, code: staff.code, name: staff.fullName, active: staff.active, unit: units.name })
    .from(staff)
    .innerJoin(units, eq(units.id, staff.unitId))
    .where(eq(staff.code, staffCode));
  if (!person) throw new UserError('link.staff_not_found', { staff: staffCode });
  if (!person.active) throw new UserError('link.staff_inactive', { staff: staffCode });
  const code = generateLinkCode();
  const expiresAt = new Date(by.now.getTime() + LINK_CODE_VALID_MS);
  const codeHash = await hashLinkCode(code);
  await db.transaction(async (tx) => {
    await tx.delete(linkCodes).where(and(eq(linkCodes.staffId, person.id), isNull(linkCodes.usedAt)));
    await tx.insert(linkCodes).values({ codeHash, staffId: person.id, expiresAt, createdAt: by.now });
    await tx.insert(auditLog).values({
      at: by.now,
      staffId: by.staffId,
      actor: by.actor,
      channel: by.channel,
      action: 'link_code.create',
      entity: 'staff',
      entityCode: person.code,
      details: { expires_at: expiresAt.toISOString() },
    });
  });
  return { code, expiresAt, person: { id: person.id, code: person.code, name: person.name, unit: person.unit } };
}
