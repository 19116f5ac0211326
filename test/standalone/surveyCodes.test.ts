import { getScheme } from '../../src/engine';
import { answerCodes, parseCode, rowCode } from '../../src/taskpane/standalone/SurveyGrid';

const answers = getScheme().input('in_survey_answers').answers!;
const codes = answerCodes(answers);

test('answer codes are the points where those are distinct digits, else 1, 2, 3 … in order', () => {
  expect(codes.map((c) => `${c.code}=${c.label}`)).toEqual(['5=非常满意', '4=满意', '3=一般', '0=不满意']);
  const tens = answerCodes([
    { label: '好', points: 10 },
    { label: '差', points: 0 },
  ]);
  expect(tens.map((c) => c.code)).toEqual(['1', '2']);
});

test('a questionnaire as its code and back: - for a question not answered, none at the end, ? for a value the scale does not know', () => {
  const row = ['非常满意', '满意', '', '一般', '不满意', '', '', '', '', ''];
  expect(rowCode(row, codes, 10)).toBe('54-30');
  expect(parseCode('54-30', [], codes, 10)).toEqual({ row: row });
  expect(parseCode('54 30', [], codes, 10)).toEqual({ row: row });
  // a value typed in the workbook (its points, or a word) shows as its code, or as ?, and ? keeps it
  expect(rowCode(['5', '很好', '满意'], codes, 10)).toBe('5?4');
  expect(parseCode('5?4', ['5', '很好', '满意'], codes, 10)).toEqual({ row: ['非常满意', '很好', '满意', '', '', '', '', '', '', ''] });
  // no more than the questionnaire's questions; a character that is no code is named
  expect((parseCode('55555555554', [], codes, 10) as { row: string[] }).row).toHaveLength(10);
  expect(parseCode('557', [], codes, 10)).toEqual({ bad: '7' });
});
