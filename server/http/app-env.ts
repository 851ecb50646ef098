import type { Logger } from '../logger.ts';

/** What every request carries through the middleware: its id and its own child logger. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
  };
}
