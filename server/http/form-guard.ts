import type { Context } from 'hono';
import { equalSecrets } from '../../db/secret-tokens.ts';

/**
 * Whether a form's POST came from our own pages: its Origin (or, where a browser sends none, its
 * Referer) must be PUBLIC_URL's origin. With the form's token this refuses cross-site requests
 * (a page elsewhere posting into a signed-in browser, or signing it in as someone else).
 */
export function isSameOrigin(c: Context, publicUrl: string): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin === publicUrl;
  const referer = c.req.header('referer');
  if (referer === undefined) return false;
  try {
    return new URL(referer).origin === publicUrl;
  } catch {
    return false;
  }
}

/** The form's fields, or an empty set for a body that is not a form. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return {};
  try {
    const body = await c.req.parseBody();
    return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** The form's `csrf` field against the expected token, in constant time. */
export function hasCsrfToken(form: Record<string, string>, expected: string | undefined): boolean {
  const sent = form.csrf;
  return expected !== undefined && sent !== undefined && equalSecrets(sent, expected);
}
