/**
 * `npm run bench` (issue 15): the national set on PostgreSQL, then each path of the issue's list,
 * as medians over interleaved runs and, where a floor exists, as a ratio to that floor measured
 * in the same run; a table at the end and every figure in bench-results.json (gitignored), from
 * which BENCHMARKS.md is refreshed.
 *
 *   npm run bench                   the full run (about 14 minutes on the 2-core machine)
 *   npm run bench -- --quick        fewer rounds, 50 concurrent only, PostgreSQL alone for the
 *                                   web and Slack pages (a few minutes once the national set exists)
 *   npm run bench -- --profile      also a CPU profile of the app under webhook load, per driver,
 *                                   for the command with the worst ratio (top functions printed)
 *   npm run bench -- --only=numbers,webhook   some sections: numbers, jobs, import, web, slack, webhook
 *
 * PostgreSQL comes from BENCH_DATABASE_URL (default the local server, trust auth); the national
 * set is kept in BENCH_NATIONAL_DATABASE_URL (default thads_bench_national), generated on first use
 * (about 2 minutes) and reused after, by --quick as well. Throwaway databases are dropped.
 * The older single-purpose benches (bench-telegram, bench-charts, bench-import-memory,
 * bench-jobs-crash) still run alone with `npx tsx scripts/<name>.ts`.
 */
import { benchImportThroughput } from './bench-import-throughput.ts';
import { benchJobsCompose, openNationalDb } from './bench-jobs-compose.ts';
import { benchJobsDeliver } from './bench-jobs-deliver.ts';
import { benchNationalNumbers } from './bench-national-numbers.ts';
import { finish, machine, notes } from './bench-report.ts';
import { benchSlack } from './bench-slack.ts';
import { benchWeb } from './bench-web.ts';
import { benchWebhook } from './bench-webhook.ts';
import { seedNationalData } from './national-data.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const out = args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? 'bench-results.json';
const wanted = (section: string) => !only || only.includes(section);

const settings = quick
  ? {
      mode: 'quick',
      numbers: { rounds: 3, localRuns: 20, provinceRuns: 5 },
      webhook: { rounds: 2, seconds: 4, levels: [50], profile },
      slack: { rounds: 2, pglite: false },
      web: { runs: 30, pglite: false },
      compose: { runs: 1 },
      deliver: { runs: 1 },
      import: { cases: 20_000, rounds: 1, pglite: false },
    }
  : {
      mode: 'full',
      numbers: { rounds: 5, localRuns: 60, provinceRuns: 12 },
      webhook: { rounds: 3, seconds: 10, levels: [50, 200], profile },
      slack: { rounds: 6, pglite: true },
      web: { runs: 100, pglite: true },
      compose: { runs: 3 },
      deliver: { runs: 3 },
      import: { cases: 100_000, rounds: 2, pglite: true },
    };

const started = machine();
console.log(`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}: ${started.cpus}, Node ${started.node}, PostgreSQL ${started.postgres}, load ${started.load}`);

if (wanted('numbers') || wanted('jobs')) {
  const national = await openNationalDb();
  try {
    const nation = await seedNationalData(national.db);
    notes.national = nation;
    console.log(
      `National set (${nation.reused ? 'reused' : `generated in ${nation.seconds.toFixed(0)} s`}): 34 provinces, ${nation.units} local units, ` +
        `${nation.staff.toLocaleString('en')} staff, ${nation.cases.toLocaleString('en')} cases, ${nation.collections.toLocaleString('en')} collections`,
    );
    if (wanted('numbers')) await benchNationalNumbers(national.db, settings.numbers);
  } finally {
    await national.close();
  }
}
if (wanted('jobs')) {
  console.log('\n— Jobs on the national set');
  await benchJobsCompose(settings.compose);
  await benchJobsDeliver(settings.deliver);
}
if (wanted('import')) await benchImportThroughput(settings.import);
if (wanted('web')) {
  console.log('\n— The web dashboard (the demo province)');
  await benchWeb(settings.web);
}
if (wanted('slack')) {
  console.log('\n— Slack (the demo province)');
  await benchSlack(settings.slack);
}
if (wanted('webhook')) await benchWebhook(settings.webhook);

finish(out, { ...settings, args }, started);
