/**
 * An error the person caused (unknown unit, bad row…). It carries a message code and its
 * parameters, never text: each adapter renders it in the person's language (bot/i18n).
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

/** postgres.js's words for a connection the other end closed (a server that stopped or died). */
export function isConnectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED|ECONNRESET|EPIPE)$/.test(code);
}
