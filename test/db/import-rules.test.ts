import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { importCsv } from '../../db/import/index.ts';
import { actor, loadFixtures, run } from '../fixtures/import/helpers.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

const unitsHeader = 'code,name,kind,parent_code,telegram_chat_id,slack_channel_id';
const staffHeader = 'code,full_name,unit_code,role,telegram_user_id,slack_user_id,oversees';

describe.each(drivers)('importCsv rules on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await loadFixtures(handle.db);
  });
  afterAll(() => handle.close());

  const issuesOf = async (kind: Parameters<typeof run>[1], csv: string) =>
    (await run(handle.db, kind, csv, { dryRun: true })).issues.map((i) => `${i.line}:${i.column}:${i.code}`);

  it('units: parents must exist and must not loop', async () => {
    const csv = [unitsHeader, 'A,A,local,B,,', 'B,B,local,A,,', 'C,C,local,TN-ZZ,,', 'D,D,local,D,,'].join('\n');
    expect(await issuesOf('units', csv)).toEqual([
      '2:parent_code:import.parent_cycle',
      '3:parent_code:import.parent_cycle',
      '4:parent_code:import.unknown_unit',
      '5:parent_code:import.parent_cycle',
    ]);
    // Moving the province under its own local unit closes a loop with rows already in the database.
    expect(await issuesOf('units', [unitsHeader, 'TN,Tỉnh,province,TN-HT,,'].join('\n'))).toEqual([
      '2:parent_code:import.parent_cycle',
    ]);
  });

  it('staff: references, ids and oversees', async () => {
    const csv = [
      staffHeader,
      'X1,Người Một,TN-QQ,officer,,,',
      'X2,Người Hai,TN,boss,12a,u123,TN-HT;TN-QQ',
      'X3,Người Ba,TN,officer,111111,,',
      'X4,Người Bốn,TN,officer,444,,',
      'X5,Người Năm,TN,officer,444,,',
    ].join('\n');
    expect(await issuesOf('staff', csv)).toEqual([
      '2:unit_code:import.unknown_unit',
      '3:role:import.unknown_role',
      '3:telegram_user_id:import.bad_telegram_user',
      '3:slack_user_id:import.bad_slack_user',
      '4:telegram_user_id:import.chat_id_taken',
      '6:telegram_user_id:import.duplicate_chat_id',
    ]);
  });

  it('staff: an empty cell drops an imported account but never a self-linked one', async () => {
    await queryRows(
      handle.db,
      sql`insert into chat_identities (platform, external_id, staff_id, source)
          select 'slack', 'ULINKED', id, 'link' from staff where code = 'HT02'`,
    );
    const csv = [staffHeader, 'LD01,Nguyễn Văn An,TN,province_head,,U0LD01,', 'HT02,Phạm Thị Dung,TN-HT,officer,333333,,'];
    const result = await run(handle.db, 'staff', csv.join('\n'));
    expect(result.issues).toEqual([]);
    const ids = await queryRows<{ code: string; platform: string; external_id: string; source: string }>(
      handle.db,
      sql`select s.code, ci.platform, ci.external_id, ci.source from chat_identities ci
          join staff s on s.id = ci.staff_id where s.code in ('LD01', 'HT02') order by 1, 2`,
    );
    expect(ids.map((i) => `${i.code} ${i.platform} ${i.external_id} ${i.source}`)).toEqual([
      'HT02 slack ULINKED link',
      'HT02 telegram 333333 import',
      'LD01 slack U0LD01 import',
    ]);
    // Another Slack id for HT02 would clash with the account HT02 linked.
    const clash = [staffHeader, 'HT02,Phạm Thị Dung,TN-HT,officer,333333,UOTHER,'].join('\n');
    expect(await issuesOf('staff', clash)).toEqual(['2:slack_user_id:import.chat_already_linked']);
    // oversees replaces the person's list.
    await run(handle.db, 'staff', [staffHeader, 'LD02,Trần Thị Bình,TN,province_deputy,222222,,TN-HT'].join('\n'));
    const oversees = await queryRows<{ code: string }>(
      handle.db,
      sql`select u.code from staff_oversees o join units u on u.id = o.unit_id
          join staff s on s.id = o.staff_id where s.code = 'LD02'`,
    );
    expect(oversees).toEqual([{ code: 'TN-HT' }]);
  });

  it('collections: known case, positive amount, not before the case was accepted', async () => {
    const csv = ['case_code,date,amount', 'HT-404,2026-01-01,5', 'HT-001,2026-01-01,0', 'HT-001,2025-09-24,5'].join('\n');
    expect(await issuesOf('collections', csv)).toEqual([
      '2:case_code:import.unknown_case',
      '3:amount:import.not_positive',
      '4:date:import.collected_before_accepted',
    ]);
  });

  it('cases: a case moved to another unit takes its money along', async () => {
    const header = 'code,unit_code,officer_code,decision_no,decision_date,accepted_date,amount,status,status_date,verified_on,due_date,flags';
    const moved = `${header}\nHT-001,TN-DS,,12/QĐ-CCTHADS,2025-09-20,2025-09-25,150000000,enforcing,2025-09-25,2025-10-10,,credit\n`;
    expect((await run(handle.db, 'cases', moved)).issues).toEqual([]);
    const rows = await queryRows<{ unit: string; n: number }>(
      handle.db,
      sql`select u.code as unit, count(*)::int as n from collections p join units u on u.id = p.unit_id
          join cases c on c.id = p.case_id where c.code = 'HT-001' group by u.code`,
    );
    expect(rows).toEqual([{ unit: 'TN-DS', n: 2 }]);
  });

  it('targets: one per unit, officer and year; rates are percents', async () => {
    const csv = [
      'unit_code,officer_code,work_year,cases_rate,money_rate,carried_cases_cut,carried_money_cut',
      'TN-HT,,2027,84,52,5,5',
      'TN-HT,,2027,85,52,5,5',
      'TN-HT,DS01,2027,84,52,5,5',
      'TN-DS,,27,100.5,52,5,5',
    ].join('\n');
    expect(await issuesOf('targets', csv)).toEqual([
      '3:unit_code:import.duplicate_target',
      '4:officer_code:import.officer_not_in_unit',
      '5:work_year:import.bad_year',
      '5:cases_rate:import.bad_rate',
    ]);
  });

  it('inspections and findings: known unit, inspection and responsible person', async () => {
    const inspections = [
      'code,unit_code,kind,concluded_on,title',
      'K1,TN-HT,yearly,2026-01-01,',
      'K2,TN-QQ,self,2026-01-01,Tự kiểm tra',
    ].join('\n');
    // A row with malformed cells is not looked up in the database as well.
    expect(await issuesOf('inspections', inspections)).toEqual([
      '2:kind:import.unknown_inspection_kind',
      '2:title:import.required',
      '3:unit_code:import.unknown_unit',
    ]);
    const findings = [
      'code,inspection_code,description,remedy,responsible_code,due_date,status',
      'F1,KT-404,Mô tả,Khắc phục,NOBODY,2026-07-01,open',
      'F2,KT-2026-01,Mô tả,Khắc phục,,2026-07-01,done',
    ].join('\n');
    expect(await issuesOf('findings', findings)).toEqual([
      '2:inspection_code:import.unknown_inspection',
      '2:responsible_code:import.unknown_staff',
      '3:status:import.unknown_finding_status',
    ]);
  });

  it('a file saved in a legacy code page is refused with a hint to save as UTF-8', async () => {
    const latin1 = Buffer.from(`${unitsHeader}\nTN-Q,Qu\xe1n,local,TN,,\n`, 'latin1');
    const result = await importCsv(handle.db, 'units', latin1, { ...actor, dryRun: true });
    expect(result.issues).toEqual([{ line: 2, column: 'name', code: 'import.not_utf8', params: {} }]);
  });
});
