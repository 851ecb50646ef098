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
