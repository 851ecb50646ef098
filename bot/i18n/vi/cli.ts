import type { Catalogue } from '../index.ts';

export const viCli: Catalogue = {};
