import { z } from 'zod';
import { defineSheet, sheetBase } from './types';

/** The questionnaire tally (满意度调查): one row per questionnaire, a column per question, row and grand totals. */
export const surveyGrid = defineSheet({
  params: z
    .object({
      kind: z.literal('survey_grid'),
      ...sheetBase,
      /** the survey input whose grid this is */
      input: z.string(),
      /** the questions, as the column headers print them */
      questions: z.array(z.string()).min(1),
    })
    .strict(),
  inputs: (p) => [p.input],
  outputs: () => [],
  check(p, scope) {
    const input = scope.inputs.get(p.input);
    if (!input) return [];
    if (input.kind !== 'survey') return [`survey sheet places ${p.input}, which is not a survey input`];
    return input.questions === p.questions.length ? [] : [`survey ${p.input}: ${input.questions} questions but layout has ${p.questions.length}`];
  },
});
