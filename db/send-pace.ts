/**
 * The send pace kept in the database, so that every sender process together keeps one
 * platform's limits: for each key (opaque here: the bot overall, one chat, one group) at most
 * `max` sends in any `windowMs`, as jobs/pacing.ts does within one process.
 *
 * A key's row holds its latest `max` sends as instants. A send reserves its place in every key
 * at once, atomically (the rows locked in key order), and holds the latest instant its answer
 * could come (`inFlightMs` ahead); once answered it is dated by the database's clock at that
 * moment, which is after the platform saw it. So the next send on a key goes out at least
 * `windowMs` after the platform saw the earlier one, from whichever process, and a process that
 * dies mid-send leaves a place that expires on its own. Times are the database's own clock
 * (statement_timestamp): one clock for every host.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from './rows.ts';

export interface PaceLimit {
  key: string;
  max: number;
  windowMs: number;
}

export type PaceReservation =
  /** Reserved: `token` gives the place back once answered (releasePace). */
  | { reserved: true; token: string }
  /** Not yet: look again in `waitMs`; `inFlight` when a send not yet answered holds it back (its answer will free it sooner). */
  | { reserved: false; waitMs: number; inFlight: boolean };

const values = (limits: readonly PaceLimit[]): SQL =>
  sql.join(
    limits.map((l) => sql`(${l.key}::text, ${l.max}::int, ${l.windowMs}::int)`),
    sql`, `,
  );

/** Reserves one send on every key of `limits` if all allow it now; else says how long to wait. */
export async function reservePace(db: Db, limits: readonly PaceLimit[], inFlightMs: number): Promise<PaceReservation> {
  if (limits.length === 0) return { reserved: true, token: 'none' };
  const first = await tryReserve(db, limits, inFlightMs);
  if (first) return first;
  // Keys met for the first time get their row: the reservation locks rows that exist.
  await db.execute(sql`insert into send_pace (key) select key from (values ${values(limits)}) as lim(key, max, window_ms) on conflict do nothing`);
  return (await tryReserve(db, limits, inFlightMs))!;
}

async function tryReserve(db: Db, limits: readonly PaceLimit[], inFlightMs: number): Promise<PaceReservation | undefined> {
  const ahead = sql`make_interval(secs => ${inFlightMs}::int / 1000.0)`;
  const [row] = await queryRows<{ keys: number | string; reserved: boolean; wait_ms: number | string | null; in_flight: boolean | null; token: string }>(
    db,
    sql`with lim(key, max, window_ms) as (values ${values(limits)}),
      t as (select statement_timestamp() as now),
      locked as (
        select p.key, p.times, p.paused_until, lim.max, lim.window_ms,
          case when cardinality(p.times) >= lim.max then p.times[cardinality(p.times) - lim.max + 1] end as blocker
        from send_pace p join lim on lim.key = p.key
        order by p.key
        for update of p
      ),
      gate as (
        select max(greatest(l.paused_until, l.blocker + make_interval(secs => l.window_ms / 1000.0))) as at,
          bool_or(l.blocker > t.now) as in_flight, count(*) as keys
        from locked l, t
      ),
      taken as (
        update send_pace p set times = (
          select array_agg(x order by x) from (
            select x from unnest(p.times || (t.now + ${ahead})) as x order by x desc limit l.max
          ) as latest)
        from locked l, gate, t
        where p.key = l.key and gate.keys = ${limits.length} and (gate.at is null or gate.at <= t.now)
        returning p.key
      )
      select gate.keys, (select count(*) from taken) > 0 as reserved,
        extract(epoch from (gate.at - t.now)) * 1000 as wait_ms,
        gate.in_flight,
        (t.now + ${ahead})::text as token
      from gate, t`,
  );
  if (Number(row?.keys ?? 0) < limits.length) return undefined;
  if (row?.reserved) return { reserved: true, token: row.token };
  return { reserved: false, waitMs: Math.max(1, Math.ceil(Number(row?.wait_ms ?? 1))), inFlight: row?.in_flight === true };
}

/** The send reserved by `token` was answered: it is dated now, by the database's clock. */
export async function releasePace(db: Db, keys: readonly string[], token: string): Promise<void> {
  if (keys.length === 0 || token === 'none') return;
  await db.execute(sql`update send_pace p set times = coalesce((
      select array_agg(x order by x) from unnest(
        case when array_position(p.times, ${token}::timestamptz) is null then p.times
        else p.times[1:array_position(p.times, ${token}::timestamptz) - 1]
          || least(statement_timestamp(), ${token}::timestamptz)
          || p.times[array_position(p.times, ${token}::timestamptz) + 1:] end) as x), '{}')
    where p.key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
}

/** Holds every send on `keys` for `ms` from now (a 429's retry_after), in every process. */
export async function pausePace(db: Db, keys: readonly string[], ms: number): Promise<void> {
  if (keys.length === 0) return;
  await db.execute(sql`insert into send_pace (key, paused_until)
    select key, statement_timestamp() + make_interval(secs => ${ms}::int / 1000.0)
    from (values ${sql.join(keys.map((k) => sql`(${k}::text)`), sql`, `)}) as k(key)
    on conflict (key) do update set paused_until = greatest(send_pace.paused_until, excluded.paused_until)`);
}
