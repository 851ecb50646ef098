import type { Person } from '../../db/identity.ts';
import type { CoreDeps, Platform } from '../core/command.ts';
import { fold } from '../core/suggest.ts';
import { dialogueKey, readDialogue } from './state.ts';

/** Typed alone while the bot waits for free text, these still cancel rather than become a note. */
const CANCEL_WORDS = ['huy', 'cancel'];

interface Message {
  text: string;
  person: Person | null;
  chat: { platform: Platform; id: string; isPrivate: boolean };
  account: { externalId: string };
  pressed?: boolean;
  slash?: boolean;
}

/**
 * The command line a message stands for. "/…" and pressed buttons are commands as they are.
 * Other text answers the question the bot asked this person in this chat, if one is pending
 * (it completes the dialogue's line); otherwise it runs only when its first word is a
 * command's name exactly as buttons write it ("viec", typed on the console without "/"; not
 * "Việc…", which starts many a sentence), or follows a platform's slash command (`/thads …`),
 * and anything else is chatter: null.
 */
export async function resolveText(deps: CoreDeps, message: Message, isCommand: (word: string) => boolean): Promise<string | null> {
  const text = message.text.trim();
  if (text.startsWith('/') || message.pressed) return text;
  const named = isCommand(text.split(/\s+/)[0]!);
  if (message.person) {
    const key = dialogueKey(message.chat, message.account, message.person);
    const dialogue = await readDialogue(deps.db, key, deps.now());
    if (dialogue?.line) {
      if (CANCEL_WORDS.includes(fold(text))) return 'huy';
      if (!(named && dialogue.expects === 'amount')) return `${dialogue.line} ${text}`;
    }
  }
  // After a platform's slash command (`/thads …`) text is a command, mistyped or not.
  if (message.slash) return `/${text}`;
  return named ? text : null;
}
