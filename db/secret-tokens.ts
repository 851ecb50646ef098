/**
 * Random secrets handed to a browser (sign-in links, session ids) and the hashes stored in their
 * place. Web Crypto only, so the same code runs on Node and on Cloudflare Workers.
 */

/** 32 random bytes (256 bits), base64url: safe in a URL path and a cookie value. */
export function generateSecretToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Whether `value` looks like a token generateSecretToken made: anything else is refused unread. */
export function isSecretToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** SHA-256 of the text, in hex: what the database keeps instead of a token. */
export async function hashSecret(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares two strings in time that depends on their length only, not on where they differ. */
export function equalSecrets(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
