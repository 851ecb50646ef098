/**
 * A synthetic nation for the benches (issue 15): 34 provinces, 355 local units (Phòng THADS
 * khu vực), 7,000 staff (per local unit a head, two deputies, ten officers, four or five clerks
 * and two accountants; per province a head and a deputy who oversees its units), 1,000,000
 * cases over two work years with status changes, about 1,500,000 collections and targets,
 * every unit with a Telegram group and a Slack channel. Written by INSERT … SELECT
 * over generate_series, in one transaction, so it takes a minute, not an hour; the values
 * come from hashes of the row number, so every run writes the same rows.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';

export const NATIONAL_PROVINCES = 34;
export const NATIONAL_LOCAL_UNITS = 355;
/** The last case written: present only when the whole transaction was. */
const MARKER_CASE = 'QG-MARKER';

export interface NationalData {
  cases: number;
  units: number;
  staff: number;
  collections: number;
  reused: boolean;
  seconds: number;
}

/** A pseudo-random integer in [0, n) from the row number and a salt, the same every run. */
const h = (expr: string, salt: number, n: number) => `(abs(hashint4((${expr})::int * 31 + ${salt})) % ${n})`;

/**
 * Loads the synthetic nation into `db` (PostgreSQL; the tables must be migrated), or does
 * nothing when a previous run already did: the marker case is written last, in the same
 * transaction. `today` anchors the dates (default 23/11/2026, a Monday of work year 2027).
 */
export async function seedNationalData(db: Db, options: { cases?: number; today?: string } = {}): Promise<NationalData> {
  const cases = options.cases ?? 1_000_000;
  const today = options.today ?? '2026-11-23';
  const started = Date.now();
  const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases where code = ${MARKER_CASE}`);
  if ((existing?.n ?? 0) > 0) {
    const counts = await countNational(db);
    // A set kept by an older version of this script (1,843 staff, 720,000 collections) is not this one.
    if (counts.staff < 7000) throw new Error(`the kept national database holds an older, smaller set (${counts.staff} staff): drop it (dropdb thads_bench_national) and run again`);
    return { ...counts, units: NATIONAL_LOCAL_UNITS, reused: true, seconds: 0 };
  }
  const d = `'${today}'::date`;
  const statements = [
    `insert into units (code, name, kind)
     select 'T' || lpad(p::text, 2, '0'), 'Thi hành án dân sự tỉnh số ' || p, 'province'
     from generate_series(1, ${NATIONAL_PROVINCES}) p`,
    // 355 = 34 × 10 + 15: the first 15 provinces have 11 units, the others 10.
    `insert into units (code, name, kind, parent_id)
     select 'T' || lpad(p::text, 2, '0') || '-' || lpad(n::text, 2, '0'), 'Phòng Thi hành án dân sự khu vực ' || p || '.' || n, 'local',
            (select id from units where code = 'T' || lpad(p::text, 2, '0'))
     from generate_series(1, ${NATIONAL_PROVINCES}) p
     cross join lateral generate_series(1, case when p <= 15 then 11 else 10 end) n`,
    // Each unit's own Telegram group and Slack channel (db/unit-channels.ts), as units.csv would set them.
    `insert into unit_channels (unit_id, platform, chat_id)
     select u.id, c.platform, c.chat_id from units u
     cross join lateral (select substr(u.code, 2, 2)::int as p, nullif(substr(u.code, 5, 2), '')::int as n) k
     cross join lateral (values
       ('telegram', case when k.n is null then '-1009' || lpad(k.p::text, 4, '0') else '-1008' || lpad((k.p * 100 + k.n)::text, 5, '0') end),
       ('slack', case when k.n is null then 'CP' || lpad(k.p::text, 4, '0') else 'CL' || lpad((k.p * 100 + k.n)::text, 5, '0') end)) c(platform, chat_id)
     where u.code ~ '^T[0-9]{2}(-[0-9]{2})?$'`,
    // 19 staff per local unit, 20 in the first 187, so that with the provinces' 68 there are 7,000.
    `insert into staff (code, full_name, unit_id, role)
     select u.code || '-' || r.code, r.name || ' ' || u.code, u.id, r.role
     from units u cross join (values ('TP', 'Trưởng phòng', 'unit_head'), ('PTP1', 'Phó Trưởng phòng Một', 'unit_deputy'),
       ('PTP2', 'Phó Trưởng phòng Hai', 'unit_deputy'), ('CHV01', 'Chấp hành viên Một', 'officer'), ('CHV02', 'Chấp hành viên Hai', 'officer'),
       ('CHV03', 'Chấp hành viên Ba', 'officer'), ('CHV04', 'Chấp hành viên Bốn', 'officer'), ('CHV05', 'Chấp hành viên Năm', 'officer'),
       ('CHV06', 'Chấp hành viên Sáu', 'officer'), ('CHV07', 'Chấp hành viên Bảy', 'officer'), ('CHV08', 'Chấp hành viên Tám', 'officer'),
       ('CHV09', 'Chấp hành viên Chín', 'officer'), ('CHV10', 'Chấp hành viên Mười', 'officer'), ('TK1', 'Thư ký Một', 'clerk'),
       ('TK2', 'Thư ký Hai', 'clerk'), ('TK3', 'Thư ký Ba', 'clerk'), ('TK4', 'Thư ký Bốn', 'clerk'), ('KT1', 'Kế toán Một', 'accountant'),
       ('KT2', 'Kế toán Hai', 'accountant')) r(code, name, role)
     where u.kind = 'local' and u.code like 'T__-__'`,
    `insert into staff (code, full_name, unit_id, role)
     select u.code || '-TK5', 'Thư ký Năm ' || u.code, u.id, 'clerk'
     from (select * from units where kind = 'local' and code like 'T__-__' order by code limit 187) u`,
    `insert into staff (code, full_name, unit_id, role)
     select u.code || '-' || r.code, r.name || ' ' || u.code, u.id, r.role
     from units u cross join (values ('CT', 'Trưởng THADS tỉnh', 'province_head'), ('PCT', 'Phó Trưởng THADS tỉnh', 'province_deputy')) r(code, name, role)
     where u.kind = 'province' and u.code like 'T__'`,
    `insert into staff_oversees (staff_id, unit_id)
     select s.id, u.id from staff s join units p on p.id = s.unit_id join units u on u.parent_id = p.id
     where s.role = 'province_deputy' and p.code like 'T__'`,
    // Half the officers and every deputy have linked their Telegram account.
    `insert into chat_identities (platform, external_id, staff_id, source)
     select 'telegram', (500000 + s.id)::text, s.id, 'import' from staff s
     where s.code like 'T__-__-CHV%' and s.id % 2 = 0 or s.code like 'T__-PCT'`,
    `insert into targets (unit_id, work_year, cases_rate, money_rate, carried_cases_cut, carried_money_cut)
     select u.id, y, 75 + ${h('u.id', 1, 15)}, 35 + ${h('u.id', 2, 30)}, 5, 5
     from units u cross join (values (2026), (2027)) w(y) where u.code like 'T__%'`,
    `create temporary table nat_units on commit drop as
     select row_number() over (order by u.id) - 1 as i, u.id,
            (select array_agg(s.id order by s.code) from staff s where s.unit_id = u.id and s.role = 'officer') as officers
     from units u where u.kind = 'local' and u.code like 'T__-__'`,
    // Accepted over two work years and a bit; a fifth are carried over from before 1/10/2025.
    `insert into cases (code, unit_id, officer_id, decision_no, decision_date, accepted_date, amount, status, status_date, verified_on, due_date)
     select 'QG-' || g, u.id, u.officers[1 + ${h('g', 3, 10)}], g || '/QĐ-CTHADS',
            a - ${h('g', 4, 5)}, a,
            case when ${h('g', 5, 10)} = 0 then 0 else (1 + ${h('g', 6, 800)}) * 1000000::bigint end,
            st, case when st = 'enforcing' then a else least(a + 10 + ${h('g', 7, 400)}, ${d} - 1) end,
            case when ${h('g', 8, 10)} < 8 then least(a + 20, ${d} - 1) end,
            case when ${h('g', 9, 20)} = 0 then ${d} - 40 + ${h('g', 10, 60)} end
     from generate_series(1, ${cases}) g
     join nat_units u on u.i = g % ${NATIONAL_LOCAL_UNITS}
     cross join lateral (select ${d} - 3 - ${h('g', 11, 800)} as a) acc
     cross join lateral (select case
            when ${h('g', 12, 100)} < 35 then 'completed' when ${h('g', 12, 100)} < 40 then 'terminated'
            when ${h('g', 12, 100)} < 50 then 'no_conditions' when ${h('g', 12, 100)} < 53 then 'postponed'
            when ${h('g', 12, 100)} < 55 then 'suspended' when ${h('g', 12, 100)} < 57 then 'entrusted'
            when ${h('g', 12, 100)} < 58 then 'withdrawn' else 'enforcing' end as st) s`,
    `insert into case_status_history (case_id, status, effective_date, source)
     select id, status, status_date, 'import' from cases where code like 'QG-%' and status <> 'enforcing'`,
    // Collections on money cases: 0, 1, 1, 2, 3 or 3 of them (5–24 % of the amount each), about
    // 1.67 per money case, 1,500,000 in all.
    `insert into collections (case_id, unit_id, collected_on, amount, source)
     select c.id, c.unit_id, least(c.accepted_date + k * 30 + ${h('c.id', 13, 90)}, ${d} - 1), c.amount * (5 + ${h('c.id + k', 14, 20)}) / 100, 'import'
     from cases c cross join (values (1), (2), (3)) ks(k)
     where c.code like 'QG-%' and c.amount > 0 and k <= (array[0, 1, 1, 2, 3, 3])[1 + ${h('c.id', 15, 6)}]`,
    // Three officers in four reported progress in the last week.
    `insert into audit_log (created_at, staff_id, actor, channel, action, entity)
     select ${d}::timestamptz - interval '2 days', s.id, s.code, 'telegram', 'case.note', 'case'
     from staff s where s.code like 'T__-__-CHV%' and s.id % 4 <> 0`,
    `insert into cases (code, unit_id, decision_no, decision_date, accepted_date, amount, status, status_date)
     select '${MARKER_CASE}', id, 'marker', '2000-01-01', '2000-01-01', 0, 'withdrawn', '2000-01-01' from units where code = 'T01-01'`,
  ];
  await db.transaction(async (tx) => {
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
  // Vacuumed, not just analysed: index-only scans need the visibility map a bulk load leaves unset.
  await db.execute(sql`vacuum analyze`);
  return { ...(await countNational(db)), units: NATIONAL_LOCAL_UNITS, reused: false, seconds: (Date.now() - started) / 1000 };
}

async function countNational(db: Db): Promise<{ cases: number; staff: number; collections: number }> {
  const [row] = await queryRows<{ cases: number; staff: number; collections: number }>(
    db,
    sql`select (select count(*)::int from cases where code like 'QG-%' and code <> ${MARKER_CASE}) as cases,
               (select count(*)::int from staff where code like 'T__%') as staff,
               (select count(*)::int from collections c join cases k on k.id = c.case_id where k.code like 'QG-%') as collections`,
  );
  return { cases: Number(row?.cases ?? 0), staff: Number(row?.staff ?? 0), collections: Number(row?.collections ?? 0) };
}
