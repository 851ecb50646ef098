import { slashSpelling, spellReply } from '../core/command-ref.ts';
import type { Reply } from '../core/reply.ts';
import { renderTable } from '../format.ts';

/** A reply as plain text (console, logs, tests); buttons become numbered choices. */
export function renderPlain(given: Reply): string {
  const reply = spellReply(given, slashSpelling);
  const parts: string[] = [];
  if (reply.title) parts.push(reply.title);
  for (const block of reply.blocks) {
    if (block.kind === 'text' || block.kind === 'context') parts.push(block.text);
    else if (block.kind === 'fields') parts.push(block.fields.map((f) => `${f.label}: ${f.value}`).join('\n'));
    else parts.push(renderTable(block.headers, block.rows, { align: block.align }));
  }
  const buttons = (reply.buttons ?? []).flat();
  if (buttons.length > 0) parts.push(buttons.map((b, i) => `[${i + 1}] ${b.label}  →  ${b.action}`).join('\n'));
  return parts.join('\n\n');
}
