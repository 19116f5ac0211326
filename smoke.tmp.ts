import * as fs from 'fs';
import { XlsxPackage } from './src/workbook/package';
const pkg = XlsxPackage.open(fs.readFileSync(process.argv[2]));
for (const n of ['score_total','score_grade','status_text','text_staff_control','score_satisfaction','in_staff_quota']) {
  const r = pkg.name(n)!; console.log(n, JSON.stringify(pkg.readCell(pkg.sheet(r.sheet)!, r.top, r.left)));
}
const s = pkg.sheet('满意度调查')!; console.log(JSON.stringify(pkg.readArea(s, {top: 4, left: 13, bottom: 6, right: 13})), JSON.stringify(pkg.readArea(s, {top: 34, left: 1, bottom: 36, right: 13}).map(r=>r.filter(x=>x!==null))));
console.log(pkg.sheets.map(s=>s.name+':'+s.state));
