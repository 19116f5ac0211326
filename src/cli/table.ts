import { percent, plain } from '../engine';
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
  const project = e.project !== undefined ? `  项目：${e.project ?? '（未填写）'}` : '';
  const lines = [
    terminalLine(`${scheme.title}（${scheme.id}）  单位：${e.dept ?? '（未填写）'}${project}  年度：${e.year ?? '（未填写）'}${moneyUnit}`),
    '',
  ];
  if (e.execution) targetLines(e, lines);
  else fixedLines(e, lines);
  findingLines(e, lines);
  return lines.join('\n') + '\n';
}

/** Columns padded by display width, numeric ones right-aligned; the last column runs on unpadded. */
function columns(head: string[], cellsAsTyped: string[][], numeric: boolean[], lines: string[]): void {
  // cells as they will print (escapes shown, line breaks as spaces) before their widths are measured
  const rows = cellsAsTyped.map((r) => r.map(terminalLine));
  const widths = head.slice(0, -1).map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
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
}

/** The fixed indicator table (dept-2013): one line per indicator, 合计 and 自我评价结论. */
function fixedLines(e: Evaluation, lines: string[]): void {
  const head = ['一级/二级', '三级指标', '分值', '得分', '状态', '评价得分（计算过程和评分依据）'];
  const rows = e.indicators.map((i) => [
    `${i.level1}/${i.level2}`,
    i.name,
    plain(i.weight),
    i.score === null ? '-' : plain(i.score),
    STATUS[i.status],
    i.text,
  ]);
  columns(head, rows, [false, false, true, true, false], lines);

  lines.push(`合计：${plain(e.total)}/${plain(e.maxTotal)}`);
  lines.push(`自我评价结论：${e.grade ?? '未完成'}`);
  if (!e.complete) {
    const open = e.indicators.filter((i) => i.status === 'missing' || i.status === 'invalid').length;
    lines.push(`（${open}项指标无法评分，合计只含已评分的指标；补齐输入后再评分）`);
  }
  lines.push('');
}

/** A target table: the 预算执行率 line, one line per row with its sense, target and actual, 总分 and 等级. */
function targetLines(e: Evaluation, lines: string[]): void {
  const x = e.execution!;
  lines.push(`${x.name}（分值${plain(x.weight)}）：${x.score === null ? `-（${STATUS[x.status]}）` : `得${plain(x.score)}分`}  ${x.text}`);
  lines.push('');
  const head = ['编号', '一级/二级', '三级指标', '性质', '年度指标值', '实际完成值', '分值', '得分', '状态', '计算过程'];
  const rows = e.indicators.map((i) => [
    i.id,
    `${i.level1}/${i.level2}`,
    i.name,
    i.sense ?? '-',
    i.target ?? '',
    i.actual ?? '',
    plain(i.weight),
    i.score === null ? '-' : plain(i.score),
    STATUS[i.status],
    i.text,
  ]);
  if (rows.length) columns(head, rows, [false, false, false, false, false, false, true, true, false], lines);
  else lines.push('（没有可评分的指标行）', '');

  lines.push(`总分：${plain(e.total)}/${plain(e.maxTotal)}${e.totalText ? `（${e.totalText}）` : ''}`);
  lines.push(`等级：${e.grade ?? '未完成'}`);
  if (!e.complete) {
    const open = e.indicators.filter((i) => i.status === 'missing' || i.status === 'invalid').length + (x.score === null ? 1 : 0);
    lines.push(`（${open}项无法评分，总分只含已评分的项；补齐后再评分）`);
  }
  for (const f of e.figures ?? []) lines.push(`${f.label}：${f.rate === null ? '-' : percent(f.rate)}${f.text ? `（${f.text}）` : ''}`);
  lines.push('');
}

function findingLines(e: Evaluation, lines: string[]): void {
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
}
