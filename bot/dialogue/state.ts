import type { Db } from '../../db/client.ts';
import { clearDialogue, type DialogueKey, getDialogue, setDialogue, takeDialogue } from '../../db/dialogues.ts';
import type { CaseStatus } from '../../db/schema.ts';
import type { CommandContext, Platform } from '../core/command.ts';
import type { Person } from '../../db/identity.ts';

/** A report proposed step by step and waiting for its confirm button. */
export type Pending = { action: 'thu'; amount: number } | { action: 'trangthai'; status: CaseStatus };

/**
 * What the bot is waiting for from one person in one chat. Stored as jsonb by db/dialogues.ts,
 * so it holds plain values only and must stay readable by the next release too.
 */
export interface Dialogue {
  /** The case the conversation is about (its exact code). */
  case: string;
  /** The command line that typed text completes, e.g. "capnhat BH-DS-2026-0001 thu ?". */
  line?: string;
  /**
   * What typed text must be. An amount never starts with a command's name, so such a message
   * still runs as a command (a button pressed on the console); free text takes every message
   * that does not start with "/", since a note may well begin with "Việc…".
   */
  expects?: 'amount' | 'text';
  pending?: Pending;
}

export function dialogueKey(
  chat: { platform: Platform; id: string },
  account: { externalId: string },
  person: Person,
): DialogueKey {
  return { platform: chat.platform, chatId: chat.id, accountId: account.externalId, staffId: person.staffId };
}

const keyOf = (ctx: CommandContext) => dialogueKey(ctx.chat, ctx.account, ctx.person!);

export async function readDialogue(db: Db, key: DialogueKey, now: Date): Promise<Dialogue | null> {
  const state = await getDialogue(db, key, now);
  return state && typeof state.case === 'string' ? (state as unknown as Dialogue) : null;
}

/** Waits for this person's next step; replaces whatever they were doing before in this chat. */
export function startDialogue(ctx: CommandContext, dialogue: Dialogue): Promise<void> {
  return setDialogue(ctx.deps.db, keyOf(ctx), { ...dialogue }, ctx.deps.now());
}

/** Ends the dialogue about `caseCode` once a report on that case is made the direct way. */
export function endDialogueAbout(ctx: CommandContext, caseCode: string): Promise<boolean> {
  return clearDialogue(ctx.deps.db, keyOf(ctx), { case: caseCode });
}

export function cancelDialogue(ctx: CommandContext): Promise<boolean> {
  return clearDialogue(ctx.deps.db, keyOf(ctx));
}

/**
 * Claims the proposal this confirm button was for, inside `tx`: true once, false for a second
 * press, an expired dialogue, or a proposal since replaced by another.
 */
/** Whether this proposal still waits for its confirm button (read only: claimPending takes it). */
export async function isPending(ctx: CommandContext, caseCode: string, pending: Pending): Promise<boolean> {
  const dialogue = await readDialogue(ctx.deps.db, keyOf(ctx), ctx.deps.now());
  return dialogue?.case === caseCode && JSON.stringify(dialogue.pending) === JSON.stringify(pending);
}

export async function claimPending(tx: Db, ctx: CommandContext, caseCode: string, pending: Pending): Promise<boolean> {
  return (await takeDialogue(tx, keyOf(ctx), { case: caseCode, pending }, ctx.deps.now())) !== null;
}
