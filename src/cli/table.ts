import { plain } from '../engine';
import type { Evaluation, IndicatorStatus, Scheme, Severity } from '../engine';
import { displayWidth, padEnd, padStart } from './displayWidth';
import { terminalLine } from './terminal';

const STATUS: Record<IndicatorStatus, string> = {
  ok: '正常',
  not_applicable: '不适用',
  missing: '缺少输入',
  invalid: '输入有误',
};

const SEVERITY: [Severity, string][] = [
  ['error', '错误'],
  ['warning', '警告'],
  ['info', '提示'],
];

const GAP = '  ';

/**
 * The readable result of `jixiao score`: a header, one row per indicator with the calculation text last
 * (columns padded by display width, so CJK text lines up in a terminal), the total and grade, the findings.
 */
export function renderTable(scheme: Scheme, e: Evaluation): string {
  const unitInput = e.inputs[scheme.identity.unit];
  const moneyUnit = unitInput?.state === 'ok' ? `  金额单位：${String(unitInput.value)}` : '';
  const lines = [
    terminalLine(`${scheme.title}（${scheme.id}）  单位：${e.dept ?? '（未填写）'}  年度：${e.year ?? '（未填写）'}${moneyUnit}`),
    '',
  ];

  const head = ['一级/二级', '三级指标', '分值', '得分', '状态', '评价得分（计算过程和评分依据）'];
  // cells as they will print (escapes shown, line breaks as spaces) before their widths are measured
  const rows = e.indicators.map((i) =>
    [`${i.level1}/${i.level2}`, i.name, plain(i.weight), i.score === null ? '-' : plain(i.score), STATUS[i.status], i.text].map(terminalLine),
  );
  const widths = head.slice(0, -1).map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
  const numeric = [false, false, true, true, false];
  const line = (cells: string[], header = false): string =>
    cells
      .map((cell, c) =>
        c === cells.length - 1 ? cell : numeric[c] && !header ? padStart(cell, widths[c]) : padEnd(cell, widths[c]),
      )
      .join(GAP);
  lines.push(line(head, true));
  lines.push(line([...widths.map((w) => '-'.repeat(w)), '-'.repeat(displayWidth(head[head.length - 1]))], true));
  for (const r of rows) lines.push(line(r));
  lines.push('');

  lines.push(`合计：${plain(e.total)}/${plain(e.maxTotal)}`);
  lines.push(`自我评价结论：${e.grade ?? '未完成'}`);
  if (!e.complete) {
    const open = e.indicators.filter((i) => i.status === 'missing' || i.status === 'invalid').length;
    lines.push(`（${open}项指标无法评分，合计只含已评分的指标；补齐输入后再评分）`);
  }
  lines.push('');

  if (e.issues.length === 0) {
    lines.push('未发现问题。');
  } else {
    for (const [severity, word] of SEVERITY) {
      const found = e.issues.filter((f) => f.severity === severity);
      if (!found.length) continue;
      lines.push(`${word}（${found.length}）：`);
      for (const f of found) lines.push(`  - ${terminalLine(f.message)}`);
    }
  }
  return lines.join('\n') + '\n';
}
