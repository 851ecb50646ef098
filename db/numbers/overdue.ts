import type { Db } from '../client.ts';
import type { IsoDate } from '../work-year.ts';
import type { NumbersOptions } from './options.ts';
import type { OverdueReport } from './types.ts';

export async function getOverdue(
  _db: Db,
  _unitCode: string,
  _at: IsoDate,
  _options: NumbersOptions,
  _list: { limit?: number } = {},
): Promise<OverdueReport> {
  throw new Error('being written');
}
