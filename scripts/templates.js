#!/usr/bin/env node
/**
 * Writes a blank template of every shipped scheme to out/templates/, with the CLI's own `jixiao template`.
 *
 *   npm run templates     (builds dist/ first)
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'out', 'templates');

async function main() {
  const { run } = require(path.join(ROOT, 'dist', 'src', 'cli'));
  const { schemeIds } = require(path.join(ROOT, 'dist', 'src', 'engine'));
  fs.mkdirSync(OUT, { recursive: true });
  const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: OUT };
  for (const id of schemeIds()) {
    const code = await run(['template', '--scheme', id, '-o', `${id}-空白模板.xlsx`], io);
    if (code !== 0) process.exitCode = code;
  }
  console.log(`\n模板在 ${path.relative(process.cwd(), OUT) || '.'}${path.sep}，用 Excel、WPS 表格或 LibreOffice Calc 打开。`);
}

main().catch((err) => {
  process.stderr.write(`templates: ${err.stack || err}\n`);
  process.exitCode = 1;
});
