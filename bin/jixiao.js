#!/usr/bin/env node
'use strict';
// The CLI is TypeScript compiled to dist/ by `npm run build:cli` (run by `prepare` during npm ci).
const path = require('node:path');
const fs = require('node:fs');

const main = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('jixiao: 找不到编译后的命令行（dist/ 不存在），请先在项目目录运行 npm run build:cli\n');
  process.exitCode = 2;
} else {
  require(main);
}
