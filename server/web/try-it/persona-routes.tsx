import type { Context, Hono } from 'hono';
import { DEMO_PERSONA_CODES, listDemoPersonas } from '../../../db/demo/index.ts';
import type { Person } from '../../../db/identity.ts';
import { equalSecrets, generateSecretToken, hashSecret, isSecretToken } from '../../../db/secret-tokens.ts';
import { SIGN_IN_LINK_VALID_MS } from '../../../db/sign-in-links.ts';
import { startPersonaSession, WEB_SESSION_VALID_MS } from '../../../db/web-sessions.ts';
import type { Deps } from '../../deps.ts';
import { isSameOrigin, readForm } from '../../http/form-guard.ts';
import { cookiePolicy, readCookie, writeCookie } from '../../http/web-cookies.ts';
import { loadWebSession, type WebEnv } from '../../http/web-session.ts';
import { langQuery, pageLocale } from '../locale.ts';
import { errorPage, limitForm, pageHeaders } from '../page-guards.tsx';
import { isTryItAllowed } from './try-it-guard.ts';

/** Where a persona's button posts. */
export const PERSONA_PATH = '/xem-thu';

/** What the signed-out home page offers on the demo: the personas, and the token their forms carry. */
export interface PersonaOffer {
  people: Person[];
  csrf: string;
}

/** The personas' form token: bound to this browser's nonce cookie (the sign-in form's), which a page elsewhere cannot read. */
function personaCsrf(nonce: string): Promise<string> {
  return hashSecret(`thads persona form\0${nonce}`);
}

/** The personas for the signed-out home page, when the try-it pages are allowed (try-it-guard.ts); undefined otherwise. */
export async function offerPersonas(c: Context<WebEnv>, deps: Deps): Promise<PersonaOffer | undefined> {
  if (!(await isTryItAllowed(c, deps))) return undefined;
  const people = await listDemoPersonas(deps.db);
  if (people.length === 0) return undefined;
  const policy = cookiePolicy(deps.config.publicUrl);
  const held = readCookie(c, 'sign_in', policy);
  const nonce = held !== undefined && isSecretToken(held) ? held : generateSecretToken();
  writeCookie(c, 'sign_in', nonce, SIGN_IN_LINK_VALID_MS, policy);
  return { people, csrf: await personaCsrf(nonce) };
}

/**
 * `POST /xem-thu`: signs the browser in as a demo persona. Every condition of the offer is checked
 * again (a form kept from earlier, or posted to another server, is refused), then the origin, the
 * form's token and that the staff code is one of the personas.
 */
export function addPersonaRoutes(app: Hono<WebEnv>, deps: Deps): void {
  const policy = cookiePolicy(deps.config.publicUrl);
  const fallback = deps.config.defaultLocale;

  app.post(PERSONA_PATH, pageHeaders, limitForm(deps), loadWebSession(deps), async (c) => {
    const form = await readForm(c);
    if (!(await isTryItAllowed(c, deps))) return errorPage(c, deps, 'web.error.not_found', 404, form.lang);
    const nonce = readCookie(c, 'sign_in', policy);
    const tokenOk = nonce !== undefined && isSecretToken(nonce) && form.csrf !== undefined && equalSecrets(form.csrf, await personaCsrf(nonce));
    if (!isSameOrigin(c, deps.config.publicUrl) || !tokenOk) return errorPage(c, deps, 'web.error.forbidden', 403, form.lang);
    const person = DEMO_PERSONA_CODES.includes(form.staff ?? '') ? (await listDemoPersonas(deps.db)).find((p) => p.code === form.staff) : undefined;
    if (!person) return errorPage(c, deps, 'web.error.not_found', 404, form.lang);
    const sessionId = generateSecretToken();
    await startPersonaSession(deps.db, { staffId: person.staffId, sessionIdHash: await hashSecret(sessionId), replaces: c.get('session')?.idHash, now: deps.now() });
    writeCookie(c, 'session', sessionId, WEB_SESSION_VALID_MS, policy);
    const locale = pageLocale(c, person.locale, fallback, form.lang);
    return c.redirect(`/${langQuery(locale, fallback)}`, 303);
  });
}
