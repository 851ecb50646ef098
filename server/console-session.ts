import type { Core } from '../bot/core/dispatch.ts';
import type { Button } from '../bot/core/reply.ts';
import { takeTurn } from '../bot/core/turn.ts';
import { renderPlain } from '../bot/render/plain.ts';
import type { Person } from '../db/identity.ts';

/**
 * A chat with the command core in a terminal, as `--as` a staff member: the same turn
 * (bot/core/turn.ts), commands, permissions and audit trail (channel 'console') as Telegram and
 * Slack. A number typed alone presses that button of the last answer.
 */
export function createConsoleSession(core: Core, person: Person) {
  let buttons: Button[] = [];
  return {
    async handle(line: string): Promise<string> {
      const trimmed = line.trim();
      if (!trimmed) return '';
      const pressed = /^\d+$/.test(trimmed) ? buttons[Number(trimmed) - 1] : undefined;
      const turn = await takeTurn(
        core,
        { platform: 'console', account: person.code, chat: { id: person.code, isPrivate: true } },
        pressed ? { kind: 'press', action: pressed.action } : { kind: 'text', text: trimmed },
      );
      const outgoing = turn.kind === 'replies' ? turn.outgoing : [];
      buttons = outgoing.flatMap((o) => (o.reply.buttons ?? []).flat());
      return outgoing.map((o) => renderPlain(o.reply)).join('\n\n');
    },
  };
}
