import { answerForm } from './answer.ts';
import type { FormDefinition } from './form.ts';
import { remedyForm } from './remedy.ts';
import { reportForm } from './report.ts';

/** Every form the core offers, by id: a platform that draws forms looks them up here. */
export const forms: readonly FormDefinition[] = [reportForm, remedyForm, answerForm];

export function findForm(id: string): FormDefinition | undefined {
  return forms.find((f) => f.id === id);
}
