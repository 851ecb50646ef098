import type { FormView } from '../forms/form.ts';

/**
 * What a command answers, independent of any chat platform. Renderers turn it into Telegram
 * HTML with inline keyboards, Slack Block Kit, or plain text; all text here is unescaped.
 */
export type Align = 'left' | 'right';

export type Block =
  /** A paragraph. */
  | { kind: 'text'; text: string }
  /** Key figures as label/value pairs (Slack fields; "label: value" lines elsewhere). */
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  /** Rows aligned in monospace. */
  | { kind: 'table'; headers: string[]; rows: string[][]; align?: Align[] }
  /** A small grey line: the date and work year a figure is as of. */
  | { kind: 'context'; text: string };

/** A button the person can press; `action` is a command line the core runs when pressed. */
export interface Button {
  label: string;
  action: string;
}

export interface Reply {
  title?: string;
  /**
   * A form to show instead of this reply, where the platform can (CommandContext.forms): the
   * blocks and buttons are then the step-by-step way to the same thing, for the others.
   */
  form?: FormView;
  blocks: Block[];
  buttons?: Button[][];
  tone?: 'info' | 'success' | 'error';
  /**
   * Concerns only the person who asked (their account link, their language): where the platform
   * can, shown to them alone (a Slack ephemeral message); Telegram posts it where asked, as before.
   */
  personal?: boolean;
}

/** Where a reply goes: back into the chat the message came from, or to the person privately. */
export interface Outgoing {
  to: 'chat' | 'private';
  reply: Reply;
}

export const text = (value: string): Block => ({ kind: 'text', text: value });
export const context = (value: string): Block => ({ kind: 'context', text: value });

export function message(value: string, tone: Reply['tone'] = 'info'): Reply {
  return { blocks: [text(value)], tone };
}
