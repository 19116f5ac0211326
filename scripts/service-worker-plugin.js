/**
 * Emits the standalone page's service worker with the list of files to precache.
 *
 * The worker is the webpack entry `sw` (src/standalone/sw.ts), written as sw.js without a hash (browsers
 * look for updates at a stable URL). Once every other file of the build exists (HTML, hashed scripts,
 * copied assets), this plugin replaces the identifier __JIXIAO_PRECACHE__ in sw.js with
 * { version, files }: every built file except Office.js (assets/office-js/, not needed outside Office),
 * manifest.xml, source maps, licence notes and sw.js itself; the version is a hash of those files' names and
 * contents, so a build that changes anything gets a new cache and the old one is deleted.
 *
 * It also replaces __JIXIAO_DEFERRED__ with { deferred }: the scripts the page loads only once a workbook is
 * open (exceljs, the export), which the worker keeps only then, when the page asks — every script that is
 * neither one the page starts with (the entry's) nor the standalone page's (the chunk group named "standalone").
 */
'use strict';

const crypto = require('crypto');
const { Buffer } = require('buffer');

const NAME = 'ServiceWorkerPlugin';
const TOKEN = '__JIXIAO_PRECACHE__';
const DEFERRED_TOKEN = '__JIXIAO_DEFERRED__';

/**
 * Files of the output the page does not need offline; and the schemes folder, which IT replaces without a rebuild:
 * kept by the worker it would be served stale (the page reads it from the network, and goes without it offline).
 */
const EXCLUDE = [/^assets\/office-js\//, /^manifest\.xml$/, /\.map$/, /\.LICENSE\.txt$/, /(^|\/)\.[^/]*$/, /^schemes\//];

/** The files to precache, sorted, out of every asset name of a build. */
function precacheFiles(assetNames, swFile = 'sw.js') {
  return assetNames
    .map((n) => n.split('\\').join('/'))
    .filter((n) => n !== swFile && !EXCLUDE.some((re) => re.test(n)))
    .sort();
}

/** sha256 over names and contents, 16 hex digits. */
function versionOf(files, contentOf) {
  const hash = crypto.createHash('sha256');
  for (const f of files) {
    hash.update(f);
    hash.update('\0');
    hash.update(contentOf(f));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Of the precached files, the scripts not needed to start: neither among `startup` (the files of the chunk groups
 * the page loads before any workbook) nor anything but JavaScript.
 */
function deferredFiles(files, startup) {
  const needed = new Set(startup);
  return files.filter((f) => f.endsWith('.js') && !needed.has(f));
}

class ServiceWorkerPlugin {
  constructor(options = {}) {
    this.file = options.file || 'sw.js';
    /** the entry and the named chunk groups the page starts with */
    this.startup = options.startup || ['taskpane', 'standalone'];
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const sw = compilation.getAsset(this.file);
        if (!sw) {
          compilation.errors.push(new Error(`${NAME}: ${this.file} was not emitted (is the "sw" entry missing?)`));
          return;
        }
        const code = sw.source.source().toString();
        if (!code.includes(TOKEN)) {
          compilation.errors.push(new Error(`${NAME}: ${this.file} does not mention ${TOKEN}`));
          return;
        }
        const files = precacheFiles(
          compilation.getAssets().map((a) => a.name),
          this.file,
        );
        const version = versionOf(files, (f) => {
          const src = compilation.getAsset(f).source.source();
          return Buffer.isBuffer(src) ? src : Buffer.from(String(src));
        });
        const manifest = `(${JSON.stringify({ version, files })})`;
        // without the start-up groups (renamed), nothing is deferred: everything is kept on install, as is safe
        const groups = this.startup.map((name) => compilation.namedChunkGroups.get(name));
        const startup = groups.every(Boolean) ? groups.flatMap((g) => g.getFiles()) : files;
        const deferred = deferredFiles(files, startup);
        const withDeferred = code.split(TOKEN).join(manifest).split(DEFERRED_TOKEN).join(`(${JSON.stringify({ deferred })})`);
        compilation.updateAsset(this.file, new sources.RawSource(withDeferred), { precache: { version, files, deferred } });
      });
    });
  }
}

module.exports = { ServiceWorkerPlugin, precacheFiles, deferredFiles, versionOf, TOKEN, DEFERRED_TOKEN };
