import { slashSpelling, spellReply } from '../../../bot/core/command-ref.ts';
import type { Reply } from '../../../bot/core/reply.ts';
import { renderTable } from '../../../bot/format.ts';

/**
 * A reply as HTML, the web's renderer beside Telegram's, Slack's and plain text: its title, its
 * paragraphs (line breaks kept), key figures as a list, tables aligned in monospace as in the
 * chats, the grey context line. Commands are spelled `/tomtat`, as typed in the box. Buttons are
 * drawn by the page (they need the form's tokens). Hono escapes every text.
 */
export function ReplyHtml({ reply: given }: { reply: Reply }) {
  const reply = spellReply(given, slashSpelling);
  return (
    <div class={`reply ${reply.tone ?? 'info'}`}>
      {reply.title && <h3>{reply.title}</h3>}
      {reply.blocks.map((block) => {
        if (block.kind === 'text') return <p class="lines">{block.text}</p>;
        if (block.kind === 'context') return <p class="note lines">{block.text}</p>;
        if (block.kind === 'fields') {
          return (
            <dl>
              {block.fields.map((f) => (
                <>
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </>
              ))}
            </dl>
          );
        }
        return (
          <div class="scroll">
            <pre>{renderTable(block.headers, block.rows, { align: block.align })}</pre>
          </div>
        );
      })}
    </div>
  );
}
