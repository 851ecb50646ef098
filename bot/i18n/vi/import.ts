import type { Catalogue } from '../index.ts';

export const viImport: Catalogue = {};
