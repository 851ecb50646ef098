import { z } from 'zod';
import { canReadUnit } from '../../db/access.ts';
import { UserError } from '../../db/errors.ts';
import { findUnits, type UnitRef } from '../../db/units.ts';
import type { CommandContext } from '../core/command.ts';
import type { Reply } from '../core/reply.ts';
import { t } from '../i18n/index.ts';

/** The words after a command that names a unit: all of them, or none for one's own unit. */
export const unitWords = z.array(z.string()).transform((words) => ({ unit: words.join(' ').trim() || undefined }));

/**
 * The unit a person means, among those they may read: by code or part of the name, their own
 * when none is given. Several matches come back as a choice to press; none readable is refused
 * the same way as none at all, so the bot does not reveal units one may not see.
 */
export async function resolveUnit(ctx: CommandContext, query: string | undefined, command: string): Promise<UnitRef | Reply> {
  const person = ctx.person!;
  if (!query) return { id: person.unitId, code: person.unitCode, name: person.unitName, kind: person.unitKind };
  const readable: UnitRef[] = [];
  for (const unit of await findUnits(ctx.deps.db, query)) {
    if (await canReadUnit(ctx.deps.db, person, unit.id)) readable.push(unit);
  }
  if (readable.length === 1) return readable[0]!;
  if (readable.length === 0) throw new UserError('unit_not_found', { unit: query });
  return {
    blocks: [{ kind: 'text', text: t(ctx.locale, 'core.which_unit', { query }) }],
    buttons: readable.slice(0, 12).map((u) => [{ label: `${u.name} (${u.code})`, action: `${command} ${u.code}` }]),
  };
}

export function isReply(value: UnitRef | Reply): value is Reply {
  return 'blocks' in value;
}
