import type { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { hasCsrfToken, isSameOrigin, readForm } from '../../http/form-guard.ts';
import { loadWebSession, type WebEnv } from '../../http/web-session.ts';
import { langQuery, pageLocale } from '../locale.ts';
import { errorPage, limitForm, pageHeaders } from '../page-guards.tsx';
import { createChatHistory } from './chat-history.ts';
import { CHAT_PATH, ChatPage } from './chat-page.tsx';
import { type ChatInput, INBOUND_ID, takeWebTurn } from './chat-turn.ts';

/** A button's label as the page echoes it: only what a label can be. */
const MAX_LABEL = 200;

/**
 * `GET /tro-chuyen`: the web chat of the signed-in person; `POST /tro-chuyen` (same origin, the
 * session's token, the form's own inbound id) takes one turn with what was typed or pressed,
 * then sends the browser back to the page (a reload then asks nothing again).
 */
export function addChatRoutes(app: Hono<WebEnv>, deps: Deps): void {
  const fallback = deps.config.defaultLocale;
  const session = loadWebSession(deps);
  const history = createChatHistory();

  app.get(CHAT_PATH, pageHeaders, session, (c) => {
    const current = c.get('session');
    if (!current) return c.redirect('/', 303);
    const locale = pageLocale(c, current.person.locale, fallback);
    const entries = history.list(current.idHash);
    return c.html(<ChatPage locale={locale} csrf={current.csrf} entries={entries} newId={() => crypto.randomUUID()} />);
  });

  app.post(CHAT_PATH, pageHeaders, limitForm(deps), session, async (c) => {
    const form = await readForm(c);
    const current = c.get('session');
    if (!isSameOrigin(c, deps.config.publicUrl) || (current && !hasCsrfToken(form, current.csrf))) {
      return errorPage(c, deps, 'web.error.forbidden', 403, form.lang);
    }
    if (!current) return c.redirect('/', 303);
    const locale = pageLocale(c, current.person.locale, fallback, form.lang);
    const back = `${CHAT_PATH}${langQuery(locale, fallback)}`;
    const id = form.id ?? '';
    if (!INBOUND_ID.test(id)) return errorPage(c, deps, 'web.error.forbidden', 403, form.lang);
    const action = form.action?.trim();
    const text = form.text?.trim() ?? '';
    const input: ChatInput | undefined = action ? { kind: 'press', action } : text ? { kind: 'text', text } : undefined;
    // An empty box sends nothing.
    if (!input) return c.redirect(back, 303);
    const replies = await takeWebTurn(deps, current.person, id, input);
    if (replies) {
      const said = input.kind === 'text' ? input.text : (form.label ?? action!).slice(0, MAX_LABEL);
      history.add(current.idHash, { said, replies });
    }
    return c.redirect(back, 303);
  });
}
