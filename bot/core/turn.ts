import { findPerson, getPersonByCode, getPersonById, type Person } from '../../db/identity.ts';
import { type ClaimPlatform, claimUpdate } from '../../db/processed-updates.ts';
import { findQuestionByMessage, questionRef } from '../../db/questions.ts';
import { todayIn } from '../../db/work-year.ts';
import { findForm } from '../forms/index.ts';
import type { Choice, FieldErrors, FormValues } from '../forms/form.ts';
import { type Locale, t } from '../i18n/index.ts';
import type { CommandContext, Platform } from './command.ts';
import { type Core, dispatch } from './dispatch.ts';
import { message, type Outgoing } from './reply.ts';

/**
 * One turn of a conversation, the same for every platform. The adapter says who (the platform
 * and the person's account on it), where (the chat, private or not), what (typed text, a pressed
 * button, a form submitted or searched) and the platform's id for it; the core claims the id
 * (a resend does nothing), finds the person, chooses the language once, routes to the pending
 * dialogue, the command or the form, and returns what to say, in that language. The adapter
 * only draws and sends it.
 */
export interface Inbound {
  platform: Platform;
  /** The person's account on the platform (Telegram user id, Slack user id; the staff code on the console). */
  account: string;
  chat: { id: string; isPrivate: boolean };
  /** The platform's id for this input (Telegram update_id, a Slack trigger or event id): claimed once. None on the console. */
  inboundId?: string;
  /** The language the platform says the person's app uses, for someone not linked yet. */
  localeHint?: Locale;
  /** The platform can show a form now (Slack, with a trigger to open a modal): `capnhat` then opens one. */
  forms?: boolean;
  /** The platform's id of the bot's own message this text replies to (a Telegram reply): a reply to a question answers it. */
  repliesTo?: string;
  /**
   * The person, where the adapter knows them already (the web chat: the signed-in session's
   * staff member, with no chat account to look up). `account` is then their staff id.
   */
  person?: Person;
}

export type Input =
  /** Typed. `slash`: typed after the platform's one slash command (`/thads …`), a command unless it answers a pending question. */
  | { kind: 'text'; text: string; slash?: boolean }
  /** A pressed button: its action is a command line, a command even while the bot awaits typed text. */
  | { kind: 'press'; action: string }
  /** A form sent; `inboundId` is claimed with its write rather than before. */
  | { kind: 'submit'; form: string; values: FormValues }
  /** The person opened the app's own page (Slack's App Home): claimed, then drawn by the platform. */
  | { kind: 'open' }
  /** What a form's search field offers for the text typed so far: nothing is claimed or written. */
  | { kind: 'search'; form: string; field: string; query: string };

export type Turn =
  /** Handled before (a resend): nothing to say. */
  | { kind: 'repeat' }
  | { kind: 'replies'; person: Person | null; locale: Locale; outgoing: Outgoing[] }
  /** A form refused: each field's reason, to show beside it. */
  | { kind: 'refused'; person: Person; locale: Locale; errors: FieldErrors }
  | { kind: 'choices'; choices: Choice[] }
  | { kind: 'opened'; person: Person | null; locale: Locale };

/** The person behind an account (on the console, the staff code itself; on the web, the staff id of the session), or null. */
function personOf(core: Core, platform: Platform, account: string): Promise<Person | null> {
  if (platform === 'console') return getPersonByCode(core.deps.db, account);
  if (platform === 'web') return /^\d{1,9}$/.test(account) ? getPersonById(core.deps.db, Number(account)) : Promise.resolve(null);
  return findPerson(core.deps.db, platform, account, core.deps.cache);
}

/** The language to speak: the person's choice, else (for someone not linked) their app's, else the default. */
export function chooseLocale(core: Core, person: Person | null, hint?: Locale): Locale {
  return person?.locale ?? (person ? undefined : hint) ?? core.deps.config.defaultLocale;
}

/** Who is talking and in which language, without claiming anything (the App Home, an error boundary). */
export async function whoIs(core: Core, platform: Platform, account: string, hint?: Locale): Promise<{ person: Person | null; locale: Locale }> {
  const person = await personOf(core, platform, account);
  return { person, locale: chooseLocale(core, person, hint) };
}

/** The apology of an error boundary, in the person's language when they can be found (never the error itself). */
export async function apology(core: Core, platform: Platform, account: string | undefined, hint?: Locale): Promise<string> {
  const person = account === undefined ? null : await personOf(core, platform, account).catch(() => null);
  return t(chooseLocale(core, person, hint), 'internal_error');
}

/**
 * Runs one turn. `claimed` is called as soon as the inbound id is claimed, before the work: a
 * platform acknowledges there what must be acknowledged at once (Telegram's button spinner).
 */
export async function takeTurn(core: Core, inbound: Inbound, input: Input, claimed?: () => Promise<void>): Promise<Turn> {
  const { db, now } = core.deps;
  const claimsFirst = inbound.inboundId !== undefined && inbound.platform !== 'console' && (input.kind === 'text' || input.kind === 'press' || input.kind === 'open');
  // Claimed before anything is done, so a resend never runs a command twice: a collection is
  // recorded once. The price, an input lost if the process dies right here, is one the person
  // sees (no answer) and mends by asking again. A claim that cannot reach the database throws
  // DatabaseUnavailableError: the transport then answers 503, so the platform resends.
  if (claimsFirst && !(await claimUpdate(db, inbound.platform as ClaimPlatform, inbound.inboundId!, now()))) return { kind: 'repeat' };
  await claimed?.();
  const { person, locale } = inbound.person
    ? { person: inbound.person, locale: chooseLocale(core, inbound.person, inbound.localeHint) }
    : await whoIs(core, inbound.platform, inbound.account, inbound.localeHint);
  if (input.kind === 'open') return { kind: 'opened', person, locale };
  const where = { platform: inbound.platform, id: inbound.chat.id, isPrivate: inbound.chat.isPrivate };
  const account = { platform: inbound.platform, externalId: inbound.account };

  if (input.kind === 'search' || input.kind === 'submit') {
    const form = findForm(input.form);
    if (input.kind === 'search') return { kind: 'choices', choices: person && form ? await form.search(contextOf(core, person, locale, where, account), input.field, input.query) : [] };
    // Unlinked since the form opened: it closes, and the person is told how to link.
    if (!person || !form) return { kind: 'replies', person, locale, outgoing: [{ to: 'chat', reply: message(t(locale, 'core.link_first'), 'error') }] };
    const done = await form.submit(contextOf(core, person, locale, where, account), input.values, inbound.inboundId ?? '');
    if ('errors' in done) return { kind: 'refused', person, locale, errors: done.errors };
    return { kind: 'replies', person, locale, outgoing: [{ to: done.already ? 'private' : 'chat', reply: done.reply }] };
  }

  const text = input.kind === 'press' ? input.action : person ? await answeringReply(core, inbound, input.text) : input.text;
  let outgoing = await dispatch(core, {
    text,
    person,
    locale,
    chat: where,
    account,
    updateId: inbound.inboundId,
    pressed: input.kind === 'press',
    slash: input.kind === 'text' && input.slash === true,
    forms: inbound.forms === true,
  });
  // Chatter is not answered in a group; a slash command always is.
  if (outgoing.length === 0 && input.kind === 'text' && input.slash) outgoing = [{ to: 'chat', reply: message(t(locale, 'core.unknown_command'), 'error') }];
  return { kind: 'replies', person, locale, outgoing };
}

/** A reply to the message that posted (or reminded) a question is its answer: `traloi CV12 <text>`; other text as it is. */
async function answeringReply(core: Core, inbound: Inbound, text: string): Promise<string> {
  if (inbound.repliesTo === undefined || inbound.platform === 'console' || inbound.platform === 'web' || text.trimStart().startsWith('/')) return text;
  const id = await findQuestionByMessage(core.deps.db, inbound.platform, inbound.chat.id, inbound.repliesTo);
  return id === undefined ? text : `/traloi ${questionRef(id)} ${text}`;
}

function contextOf(
  core: Core,
  person: Person,
  locale: Locale,
  chat: CommandContext['chat'],
  account: CommandContext['account'],
): CommandContext {
  return { deps: core.deps, person, locale, chat, account, today: todayIn(core.deps.config.timeZone, core.deps.now()), forms: false, pressed: false };
}
