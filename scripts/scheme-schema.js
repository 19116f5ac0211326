#!/usr/bin/env node
'use strict';
/**
 * Writes templates/scheme.schema.json — the JSON Schema of scheme and override files — from the compiled
 * validation code and the shipped schemes (run by `npm run build:cli` and `prepare`, after tsc).
 * With --check it writes nothing and exits 1 when the file differs from what the code makes.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { schemeJsonSchemaText, shippedLibrary } = require(path.join(root, 'dist/src/engine'));
const target = path.join(root, 'templates/scheme.schema.json');
const text = schemeJsonSchemaText(shippedLibrary);
const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;

if (process.argv.includes('--check')) {
  if (current !== text) {
    process.stderr.write('templates/scheme.schema.json differs from the validation code: run npm run build:cli\n');
    process.exitCode = 1;
  }
} else if (current !== text) {
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, target);
  process.stdout.write('wrote templates/scheme.schema.json\n');
}
