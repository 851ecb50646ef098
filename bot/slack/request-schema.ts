import { z } from 'zod';
import type { Body } from './request-codec.ts';

/**
 * The parts of Slack's requests the listeners (and Bolt, routing them) read, with the types Slack
 * gives them. The kind is told in the order Bolt tells it (its getTypeAndConversation), so what
 * is checked is what Bolt would treat the body as.
 */
const id = z.string().min(1);
const user = z.object({ id });
const channel = z.object({ id });

const slashCommand = z.object({ command: id, user_id: id, channel_id: id, text: z.string(), trigger_id: id, response_url: z.url() });

const blockActions = z.object({
  type: z.literal('block_actions'),
  user,
  trigger_id: id,
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
  channel: channel.optional(),
  response_url: z.url().optional(),
});

const viewSubmission = z.object({
  type: z.literal('view_submission'),
  user,
  view: z.object({
    id,
    callback_id: z.string(),
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  }),
  response_urls: z.array(z.object({ response_url: z.url() })).optional(),
});

const blockSuggestion = z.object({ type: z.literal('block_suggestion'), user, action_id: z.string(), value: z.string(), channel: channel.optional() });

/** The events the app listens to, by type; any other event needs only its type. */
const events: Record<string, z.ZodType> = {
  message: z.object({
    channel: id,
    ts: id,
    user: z.string().optional(),
    text: z.string().optional(),
    channel_type: z.string().optional(),
    subtype: z.string().optional(),
  }),
  app_home_opened: z.object({ user: id, tab: z.string().optional() }),
};
const anyEvent = z.object({ type: z.string() });
const eventCallback = z.object({ type: z.literal('event_callback'), event_id: id, event: anyEvent });

/** Requests the app has no listener for (Bolt would find none): answered and forgotten. */
const UNHANDLED_TYPES = new Set(['shortcut', 'message_action', 'view_closed', 'app_rate_limited', 'interactive_message', 'dialog_submission']);

export type BodyCheck = { ok: true } | { ok: false; unhandled?: true; issues: string[] };

/** Whether the listeners can read `body`; if not, why (`path: code` lines, never the values). */
export function checkBody(body: Body): BodyCheck {
  const schema = schemaFor(body);
  if (schema === 'unhandled') return { ok: false, unhandled: true, issues: [`type ${String(body.type)}: no listener`] };
  if (schema === undefined) return { ok: false, issues: ['(body): not a command, an interaction or an event'] };
  const issues = issuesOf(schema, body);
  if (issues.length === 0 && body.event !== undefined) {
    const event = body.event as { type: string };
    issues.push(...issuesOf(events[event.type] ?? anyEvent, event).map((i) => `event.${i}`));
  }
  return issues.length === 0 ? { ok: true } : { ok: false, issues };
}

/** The ids that name the request in the log: an event's id, an interaction's trigger or view. */
export function idsOf(body: Body): Record<string, unknown> {
  const view = body.view as { id?: unknown } | undefined;
  const ids = { type: body.type ?? (body.command ? 'command' : undefined), event_id: body.event_id, trigger_id: body.trigger_id, view_id: view?.id };
  return Object.fromEntries(Object.entries(ids).filter(([, v]) => typeof v === 'string' || typeof v === 'number'));
}

function schemaFor(body: Body): z.ZodType | 'unhandled' | undefined {
  // Bolt's own order: an event, a command, options, an action, then the rest by type.
  if (body.event !== undefined) return eventCallback;
  if (body.command !== undefined) return slashCommand;
  if (body.name !== undefined || body.type === 'block_suggestion') return blockSuggestion;
  if (body.actions !== undefined) return blockActions;
  if (body.type === 'view_submission') return viewSubmission;
  if (typeof body.type === 'string' && UNHANDLED_TYPES.has(body.type)) return 'unhandled';
  return undefined;
}

function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.code}`);
}
