import type { MiddlewareHandler } from 'hono';
import type { Person } from '../../db/identity.ts';
import { hashSecret, isSecretToken } from '../../db/secret-tokens.ts';
import { findWebSession } from '../../db/web-sessions.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from './app-env.ts';
import { clearCookie, cookiePolicy, readCookie } from './web-cookies.ts';

/** A signed-in browser: who, the session's stored hash, and the CSRF token its forms carry. */
export interface WebSession {
  person: Person;
  idHash: string;
  csrf: string;
  expiresAt: Date;
}

/** The web pages' context: the request's own (AppEnv) and the session, null when signed out. */
export interface WebEnv {
  Variables: AppEnv['Variables'] & { session: WebSession | null };
}

/**
 * The CSRF token of a session's forms: derived from the session id, which only the cookie holds
 * (the database keeps another hash of it), so a page elsewhere cannot know it.
 */
export function sessionCsrf(sessionId: string): Promise<string> {
  return hashSecret(`thads session form\0${sessionId}`);
}

/**
 * Loads the session named by the cookie: its staff member when it is live (not revoked, not
 * past its 12 hours, the person still active), otherwise signed out, and a stale cookie dropped.
 */
export function loadWebSession(deps: Pick<Deps, 'db' | 'now' | 'config'>): MiddlewareHandler<WebEnv> {
  const policy = cookiePolicy(deps.config.publicUrl);
  return async (c, next) => {
    const id = readCookie(c, 'session', policy);
    let session: WebSession | null = null;
    if (id !== undefined) {
      const idHash = isSecretToken(id) ? await hashSecret(id) : undefined;
      const found = idHash === undefined ? null : await findWebSession(deps.db, idHash, deps.now());
      if (found && idHash) session = { ...found, idHash, csrf: await sessionCsrf(id) };
      else clearCookie(c, 'session', policy);
    }
    c.set('session', session);
    await next();
  };
}
