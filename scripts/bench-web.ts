/**
 * The dashboard's pages (issue 12): the server as `npm start` runs it (the demo province), a
 * province leader (BH-CT) signed in through a one-time link as a browser would be, then each page
 * asked over HTTP one request at a time, its whole HTML read: `/` (the province), a local unit's
 * page, a case's page. Goal p95 ≤ 200 ms. The charts and the XLSX are requests of their own (not
 * counted here; the charts are in scripts/bench-charts.ts).
 * Run alone with `npx tsx scripts/bench-web.ts`; `npm run bench` runs it with the others.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { getPersonByCode } from '../db/identity.ts';
import { issueSignInLink } from '../db/sign-in-links.ts';
import { type RunningServer, startServer } from '../server/start.ts';
import { describeTimes, percentile, withThrowawayDatabase } from './bench-kit.ts';
import { record } from './bench-report.ts';

let RUNS = Number(process.env.BENCH_WEB_RUNS ?? 100);
const WARM = 5;
const GOAL_MS = 200;

/** Both drivers by default; `npm run bench -- --quick` asks for fewer requests on PostgreSQL alone. */
export async function benchWeb(plan: { runs?: number; pglite?: boolean } = {}): Promise<void> {
  RUNS = plan.runs ?? RUNS;
  if (plan.pglite ?? true) await benchOn('PGlite', {});
  await withThrowawayDatabase('thads_bench_web', 'web', (url) => benchOn('PostgreSQL', { DATABASE_URL: url }));
}

/** The cookies a response sets, as `name=value` (a Max-Age=0 one dropped). */
function keepCookies(jar: Map<string, string>, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    if (/;\s*Max-Age=0/i.test(line)) jar.delete(pair.slice(0, at));
    else jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

/** Signs BH-CT in as a browser does: the link's confirm page, then its form. Returns the Cookie header. */
async function signIn(running: RunningServer, staffCode: string): Promise<string> {
  const { db } = running.deps;
  const person = await getPersonByCode(db, staffCode);
  if (!person) throw new Error(`no ${staffCode} in the demo`);
  const { token } = await issueSignInLink(db, person.staffId, { actor: person.code, channel: 'telegram', now: running.deps.now() });
  const path = `/dang-nhap/${token}`;
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const confirm = await fetch(`${running.url}${path}`);
  keepCookies(jar, confirm);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await confirm.text())?.[1];
  if (!csrf) throw new Error('no sign-in form on the confirm page');
  const posted = await fetch(`${running.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: running.url, Cookie: cookie() },
    body: new URLSearchParams({ csrf, lang: 'vi' }).toString(),
  });
  keepCookies(jar, posted);
  if (posted.status !== 303 || !jar.has('thads_session')) throw new Error(`sign-in refused (${posted.status})`);
  return cookie();
}

async function timePage(url: string, cookie: string): Promise<{ times: number[]; bytes: number }> {
  let bytes = 0;
  const get = async () => {
    const res = await fetch(url, { headers: { Cookie: cookie, Accept: 'text/html' }, redirect: 'manual' });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    bytes = Buffer.byteLength(html);
  };
  for (let i = 0; i < WARM; i++) await get();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await get();
    times.push(performance.now() - started);
  }
  return { times, bytes };
}

async function benchOn(label: string, dbEnv: Record<string, string>): Promise<void> {
  const running = await startServer({
    env: { PGLITE_DIR: 'memory://', SEED_DEMO: 'always', PORT: '0', HOST: '127.0.0.1', JOBS: 'off', ...dbEnv },
    now: () => new Date('2026-11-23T03:00:00Z'),
    logger: pino({ level: 'warn' }),
  });
  try {
    const cookie = await signIn(running, 'BH-CT');
    const home = await (await fetch(`${running.url}/`, { headers: { Cookie: cookie } })).text();
    // A case the province's page links to (its overdue list): the case page of a real case.
    const casePath = /href="(\/viec\/[^"?]+)"/.exec(home)?.[1];
    if (!casePath) throw new Error('no case linked from the province page');
    const pages = [
      ['/ (the province BH, as its leader)', '/'],
      ['a local unit (/don-vi/BH-DS)', '/don-vi/BH-DS'],
      [`a case (${decodeURIComponent(casePath)})`, casePath],
    ] as const;
    console.log(`[web] the dashboard's pages over HTTP, ${label}, the demo province, signed in as BH-CT, ${RUNS} requests each one at a time (after ${WARM} to warm):`);
    for (const [name, path] of pages) {
      const { times, bytes } = await timePage(`${running.url}${path}`, cookie);
      const p95 = percentile([...times].sort((a, b) => a - b), 95);
      const verdict = p95 <= GOAL_MS ? 'met' : 'NOT met';
      console.log(`[web]   ${name}: ${describeTimes(times)}, ${(bytes / 1024).toFixed(0)} KiB (goal p95 ≤ ${GOAL_MS} ms: ${verdict})`);
      const sorted = [...times].sort((a, b) => a - b);
      const driver = label === 'PGlite' ? 'pglite' : 'postgres';
      const note = `${RUNS} requests one at a time, the demo province, signed in as BH-CT`;
      record({ name: `web dashboard ${name.split(' (')[0]}, p50`, driver, value: percentile(sorted, 50), unit: 'ms', note });
      record({ name: `web dashboard ${name.split(' (')[0]}, p95`, driver, value: p95, unit: 'ms', goal: `p95 ≤ ${GOAL_MS} ms`, met: p95 <= GOAL_MS, note });
    }
  } finally {
    await running.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchWeb();
