import type { Catalogue } from '../index.ts';

export const enCli: Catalogue = {};
