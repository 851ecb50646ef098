import { preparedWorkerTest } from './prepare.ts';

/** Stops the recorder that vitest.worker.config.ts started; the database goes at the next run (prepare.ts). */
export default function setup(): () => Promise<void> {
  return async () => {
    await (await preparedWorkerTest())?.drop();
  };
}
