/**
 * Preloaded into the server profiled by scripts/bench-profile.ts (`node --import tsx --import
 * ./scripts/bench-profile-hook.ts server/node.ts`): the first SIGUSR2 starts V8's CPU profiler in
 * this process, the second stops it and writes the profile to BENCH_PROFILE_FILE, so that the
 * profile covers the load alone, not the start-up's module loading. Never loaded by the app.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const file = process.env.BENCH_PROFILE_FILE ?? 'bench.cpuprofile';
const session = new Session();
session.connect();
let running = false;

process.on('SIGUSR2', () => {
  void (async () => {
    if (!running) {
      running = true;
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 1000 });
      await session.post('Profiler.start');
    } else {
      running = false;
      const { profile } = await session.post('Profiler.stop');
      // Written aside then renamed, so the bench never reads half a file.
      writeFileSync(`${file}.part`, JSON.stringify(profile));
      renameSync(`${file}.part`, file);
      process.stderr.write(`bench-profile-hook: written ${file}\n`);
    }
  })();
});
