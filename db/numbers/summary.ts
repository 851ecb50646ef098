import type { Db } from '../client.ts';
import type { IsoDate } from '../work-year.ts';
import type { NumbersOptions } from './options.ts';
import type { Summary } from './types.ts';

export async function getSummary(_db: Db, _unitCode: string, _at: IsoDate, _options: NumbersOptions): Promise<Summary> {
  throw new Error('being written');
}
