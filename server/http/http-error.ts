/**
 * An error about the HTTP exchange itself (no token, body too big, bad query), as opposed to a
 * UserError about the domain. The error boundary renders both as `{ error, message }`.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: 400 | 401 | 404 | 413 | 415 | 422 | 503,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    /** Response headers (WWW-Authenticate) and fields added to the JSON body (the valid kinds). */
    readonly extra: { headers?: Record<string, string>; body?: Record<string, unknown> } = {},
  ) {
    super(code);
  }
}
