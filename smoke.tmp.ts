import * as fs from 'fs';
import { nameCell } from './test/workbook/package/compare';
const b = fs.readFileSync('/tmp/pk/rich.xlsm');
console.log(nameCell(b, 'in_survey_answers'), nameCell(b, 'score_total'), nameCell(b, 'in_staff_actual'));
const lo = fs.readFileSync('/tmp/pk/lo/out/filled.xlsx');
console.log(nameCell(lo, 'in_survey_answers'), nameCell(lo, 'score_total'));
