#!/usr/bin/env node
/**
 * The whole path an officer takes, on the worked example of spec/dept-2013.md:
 *   1. a blank template, made by the CLI's own code        out/demo/dept-2013-模板.xlsx
 *   2. that template filled BY NAME with the example data  out/demo/dept-2013-示例-已填写.xlsx
 *   3. the filled file scored by `jixiao score … -o …`     out/demo/dept-2013-示例-已评分.xlsx
 * and the table the CLI prints (total 73.28, grade 中); then the same for the worked example of
 * spec/perf-2020.md, a 项目支出绩效自评表 (project-2020: total 92.96, grade 优).
 *
 *   npm run demo          (builds dist/ first: the demo runs the compiled CLI, as `npx jixiao` does)
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'out', 'demo');
const FILES = {
  template: 'dept-2013-模板.xlsx',
  filled: 'dept-2013-示例-已填写.xlsx',
  scored: 'dept-2013-示例-已评分.xlsx',
};
const PROJECT_FILES = {
  template: 'project-2020-模板.xlsx',
  filled: 'project-2020-示例-已填写.xlsx',
  scored: 'project-2020-示例-已评分.xlsx',
};

function dist(module) {
  try {
    return require(path.join(ROOT, 'dist', 'src', module));
  } catch (err) {
    if (err.code !== 'MODULE_NOT_FOUND') throw err;
    process.stderr.write('demo: 找不到编译后的代码（dist/），请先运行 npm run build:cli\n');
    process.exit(2);
  }
}

/** Makes the template with `jixiao template` and fills it by name; returns the filled file's path. */
async function makeFilled(dir, io) {
  const { run, atomicWrite } = dist('cli');
  const { getScheme } = dist('engine');
  const { XlsxWorkbook } = dist('workbook/xlsx');
  fs.mkdirSync(dir, { recursive: true });
  const quiet = { stdout: () => {}, stderr: (t) => process.stderr.write(t), cwd: dir, ...io };
  const code = await run(['template', '-o', FILES.template], quiet);
  if (code !== 0) throw new Error(`jixiao template failed with exit status ${code}`);

  const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', 'samples', 'dept-2013-example.json'), 'utf8'));
  const book = await XlsxWorkbook.fromBuffer(fs.readFileSync(path.join(dir, FILES.template)));
  await book.fillInputs(getScheme('dept-2013'), example);
  const filled = path.join(dir, FILES.filled);
  await atomicWrite(filled, await book.toBuffer());
  return filled;
}

/**
 * A project template made with `jixiao template --scheme project-2020`, filled by name (the project sheet's own
 * names; the indicator rows into the table's rows) with the worked example; returns the filled file's path.
 */
async function makeFilledProject(dir, io) {
  const { run, atomicWrite } = dist('cli');
  const { getScheme, inputsFromJson } = dist('engine');
  const { FormsFile } = dist('workbook/forms');
  fs.mkdirSync(dir, { recursive: true });
  const quiet = { stdout: () => {}, stderr: (t) => process.stderr.write(t), cwd: dir, ...io };
  const code = await run(['template', '--scheme', 'project-2020', '-o', PROJECT_FILES.template], quiet);
  if (code !== 0) throw new Error(`jixiao template failed with exit status ${code}`);

  const scheme = getScheme('project-2020');
  const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', 'samples', 'project-2020-example.json'), 'utf8'));
  const { values } = inputsFromJson(scheme, example);
  const book = FormsFile.open(fs.readFileSync(path.join(dir, PROJECT_FILES.template)));
  const [form] = book.forms(scheme);
  const filled = path.join(dir, PROJECT_FILES.filled);
  await atomicWrite(filled, book.fill(scheme, new Map([[form.sheet, values]])));
  return filled;
}

async function main() {
  const { run } = dist('cli');
  const rel = (f) => path.relative(process.cwd(), path.join(OUT, f)) || f;
  const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: OUT };

  console.log(`1. 生成空白模板：jixiao template -o ${rel(FILES.template)}`);
  console.log(`2. 按名称填入示例数据（templates/samples/dept-2013-example.json）：${rel(FILES.filled)}`);
  await makeFilled(OUT);
  console.log(`3. 评分：jixiao score ${rel(FILES.filled)} -o ${rel(FILES.scored)}\n`);
  const code = await run(['score', FILES.filled, '-o', FILES.scored], io);

  console.log(`\n4. 项目支出绩效自评表（project-2020）：jixiao template --scheme project-2020 -o ${rel(PROJECT_FILES.template)}`);
  console.log(`5. 按名称填入示例数据（templates/samples/project-2020-example.json，9 行指标）：${rel(PROJECT_FILES.filled)}`);
  await makeFilledProject(OUT);
  console.log(`6. 评分：jixiao score ${rel(PROJECT_FILES.filled)} -o ${rel(PROJECT_FILES.scored)}\n`);
  const projectCode = await run(['score', PROJECT_FILES.filled, '-o', PROJECT_FILES.scored], io);

  const shown = (f) => path.join(path.relative(process.cwd(), OUT) || '.', f);
  console.log(`
演示留下的文件（${path.relative(process.cwd(), OUT) || '.'}${path.sep}）：
  ${FILES.template}          空白模板，可直接分发给各单位填写
  ${FILES.filled}   按名称填入示例数据、尚未评分的工作簿
  ${FILES.scored}   评分后的工作簿：评分表各项得分与计算过程、合计、自我评价结论
  ${PROJECT_FILES.template}          项目支出绩效自评表空白模板（绩效指标表可插入、删除行）
  ${PROJECT_FILES.filled}   按名称填入示例项目、尚未评分的工作簿
  ${PROJECT_FILES.scored}   评分后的工作簿：每行得分与计算过程、执行率、总分、等级

打开：用 Excel、WPS 表格或 LibreOffice Calc 打开上面的文件，例如
  Linux    xdg-open "${shown(FILES.scored)}"
  macOS    open "${shown(FILES.scored)}"
  Windows  start "" "${shown(FILES.scored)}"
再评分（可改动“已填写”后重来）：npx jixiao score "${shown(FILES.filled)}" -o "${shown(FILES.scored)}"`);
  if (code !== 0 || projectCode !== 0) {
    process.stderr.write(`demo: jixiao score 的退出状态为 ${code}、${projectCode}，示例应为 0\n`);
    process.exitCode = 1;
  }
}

module.exports = { makeFilled, makeFilledProject, FILES, PROJECT_FILES, OUT };

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`demo: ${err.stack || err}\n`);
    process.exitCode = 1;
  });
}
