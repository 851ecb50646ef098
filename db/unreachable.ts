/**
 * Telling "the database cannot be reached" from any other failure of a query: the first is worth
 * a 503 (the platform resends later), the second an apology (a resend would fail the same way).
 */

/** Node's socket errors: nothing listens, the connection dropped, the host is gone. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** postgres.js's own, for a connection it lost or could not open in time. */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
/** PostgreSQL's: shutting down, starting up, out of connections (class 08 is checked whole). */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/**
 * 55000 is a broad class ("object not in prerequisite state"); only its refusal of a connection
 * (`alter database … allow_connections false`, as for maintenance) means the database is away.
 */
const REFUSING_CONNECTIONS = /is not currently accepting connections/;
/** PGlite's, once closed (or closing): it never opens again in this process. */
const PGLITE_CLOSED = /^PGlite is clos(ed|ing)$/;

/**
 * True when `error` (or what it wraps: drizzle wraps the driver's error as `cause`) says the
 * database could not be reached; false for a query the database refused (a constraint, bad data).
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof DatabaseUnavailableError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || DRIVER_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (code === '55000' && REFUSING_CONNECTIONS.test(current.message)) return true;
    if (PGLITE_CLOSED.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

/**
 * The first step of handling a chat update (its claim) could not reach the database: nothing of
 * the update was recorded, and the platform may be asked to send it again (503).
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(cause: unknown) {
    super('the database could not be reached', { cause });
  }
}
