import type { Db } from '../client.ts';
import type { IsoDate } from '../work-year.ts';
import type { NumbersOptions } from './options.ts';
import type { Ranking } from './types.ts';

export async function getRanking(_db: Db, _unitCode: string, _at: IsoDate, _options: NumbersOptions): Promise<Ranking> {
  throw new Error('being written');
}
