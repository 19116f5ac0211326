/** What an import did, in Chinese lines for the officer: each form, what went in, what stays blank and where. */
import type { ImportReport } from './index';

export function importLines(report: ImportReport, out: string | null = null): string[] {
  const lines: string[] = [];
  const n = report.forms.length;
  const many = n > 1 ? `，${n}个项目` : '';
  lines.push(`已从“${report.file}”导入${report.scheme.title}（${report.scheme.id}）${many}${out ? `，写入：${out}` : ''}`);
  for (const s of report.skipped) lines.push(`  未导入：${s}`);
  report.forms.forEach((f, k) => {
    const head = n > 1 ? `【${k + 1}/${n}】` : '';
    const where = f.sheet ? `工作表“${f.sheet}”` : f.project ?? f.dept ?? '';
    lines.push('');
    lines.push(`${head}${where}${where ? '：' : ''}取自 ${f.from}`);
    if (f.rows) lines.push(`  绩效指标 ${f.rows} 行`);
    const scalar = f.filled.filter((x) => x.name !== 'in_indicators');
    if (scalar.length) lines.push(`  已填入：${scalar.map((x) => `${x.label}${x.cell ? `（${x.cell}）` : ''}`).join('；')}`);
    if (report.nextYear) {
      lines.push(`  下一年度：年度 ${f.sourceYear ?? '（未写明）'} → ${f.year ?? '（请填写）'}；指标、指标值和分值保留`);
      if (f.cleared.length) lines.push(`  已清空：${f.cleared.join('、')}`);
    }
    const needed = f.blank.filter((b) => b.indicator);
    if (needed.length) {
      lines.push('  以下输入文件中没有写明，已留空，请在工作簿中填写：');
      for (const b of needed) {
        const row = b.cell ? `${b.cell}${b.typed !== null ? ` 只写了得分 ${b.typed} 分` : ' 没有写明'}` : '文件中没有这一行';
        lines.push(`  - ${b.label}（${b.name}），用于“${b.indicator}”：${row}`);
      }
    }
    const others = f.blank.filter((b) => !b.indicator);
    if (others.length && !report.nextYear) lines.push(`  文件中没有、未填写：${others.map((b) => b.label).join('、')}`);
    for (const u of f.unscored) lines.push(`  待补充：“${u.name}”：${u.text}`);
    for (const x of f.findings) lines.push(`  提示：${x.message}`);
    const grade = f.complete ? `，等级：${f.grade ?? '—'}` : '，尚未评完（有输入待填写）';
    lines.push(`  评分：总分 ${f.total} 分${grade}`);
    if (f.handmadeIssues && !report.nextYear) lines.push(`  原表有${f.handmadeIssues}处需核对`);
  });
  return lines;
}
