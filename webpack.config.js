/**
 * Builds the Excel task-pane add-in into dist/ (or $ADDIN_OUT_DIR).
 *
 *   npm run build:addin        production build, content-hashed file names
 *   npm run build:dev          development build
 *   npm run dev-server         https://localhost:3000 with office-addin-dev-certs certificates
 *   ADDIN_ORIGIN=https://intranet.example.gov.cn/jixiao npm run build
 *                              dist/manifest.xml with every URL on that origin
 *
 * Office.js is served from the add-in's own origin (assets/office-js/, copied from
 * @microsoft/office-js) so that the add-in works on networks that cannot reach Microsoft's CDN, and
 * taskpane.html loads it only where the page may be in Office (scripts/office-host.js).
 *
 * dist/ is shared with the CLI's tsc output (dist/src, dist/templates), so cleaning keeps those.
 * ADDIN_OUT_DIR=/some/dir builds there instead (used by test/addin/build.test.ts); it is cleaned the same way.
 *
 * Production builds also emit sw.js (src/standalone/sw.ts), the service worker of the standalone page (the
 * pane opened in a plain browser), with the list of built files to precache (scripts/service-worker-plugin.js).
 */
'use strict';

const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { originFromEnv, rewriteManifest } = require('./scripts/make-manifest');
const { ServiceWorkerPlugin } = require('./scripts/service-worker-plugin');
const { officeLoader } = require('./scripts/office-host');

const ROOT = __dirname;
const OFFICE_JS_DIR = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');

/** Office.js files for the other Office applications: an Excel-only add-in never loads them. */
const OTHER_HOSTS = /^(access|outlook|outlookwebapp|powerpoint|powerpointios|word|wordios|onenote|project)[-_]/i;

/** Modules that must only ever arrive through import(): large, and only needed for some actions. */
const LAZY_ONLY = [/[\\/]node_modules[\\/]exceljs[\\/]/];

/** Fails the build if a module meant to be lazy lands in a chunk loaded at start-up. */
/**
 * schemes/index.json, empty, when the schemes folder copied into the build has none: the page reads the catalog at
 * start, and finds no regional scheme rather than a missing file. `jixiao scheme catalog` writes the real one.
 */
class SchemesCatalogPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('SchemesCatalogPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'SchemesCatalogPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        if (!compilation.getAsset('schemes/index.json')) {
          compilation.emitAsset('schemes/index.json', new sources.RawSource(`${JSON.stringify({ format: 1, schemes: [] }, null, 2)}\n`));
        }
      });
    });
  }
}

class LazyOnlyPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('LazyOnlyPlugin', (compilation) => {
      compilation.hooks.afterOptimizeChunks.tap('LazyOnlyPlugin', (chunks) => {
        for (const chunk of chunks) {
          if (!chunk.canBeInitial()) continue;
          for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
            const resource = module.resource || module.rootModule?.resource || '';
            if (LAZY_ONLY.some((re) => re.test(resource))) {
              compilation.errors.push(
                new Error(`${path.relative(ROOT, resource)} is in the initial chunk "${chunk.name}"; load it with import() instead`),
              );
              return;
            }
          }
        }
      });
    });
  }
}

/** After a build to disk, runs the offline manifest check on what was written. */
class CheckManifestPlugin {
  constructor(origin) {
    this.origin = origin;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap('CheckManifestPlugin', (compilation) => {
      const { checkManifest } = require('./scripts/check-manifest');
      const outDir = compilation.outputOptions.path;
      const result = checkManifest({ manifestPath: path.join(outDir, 'manifest.xml'), origin: this.origin, outDir });
      for (const problem of result.problems) compilation.errors.push(new Error(`manifest.xml: ${problem}`));
    });
  }
}

async function devServerHttps() {
  // Required here, not at the top: a plain build must not need (or create) certificates.
  const devCerts = require('office-addin-dev-certs');
  const { key, cert, ca } = await devCerts.getHttpsServerOptions();
  return { key, cert, ca };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const dev = mode === 'development';
  const serve = Boolean(env.WEBPACK_SERVE);
  const origin = originFromEnv();
  const outDir = process.env.ADDIN_OUT_DIR ? path.resolve(process.env.ADDIN_OUT_DIR) : path.join(ROOT, 'dist');
  const port = Number(process.env.npm_package_config_dev_server_port || 3000);
  // the service worker would serve stale files to a dev server: production builds only
  const serviceWorker = !dev && !serve;
  const SW_ENTRY = 'sw';

  /** @type {import('webpack').Configuration} */
  const config = {
    mode,
    context: ROOT,
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      // the finance bureau's 审核 page, a page of its own beside the standalone page
      review: './src/taskpane/review/index.tsx',
      ...(serviceWorker ? { [SW_ENTRY]: './src/standalone/sw.ts' } : {}),
    },
    output: {
      path: outDir,
      // Relative URLs throughout: the add-in may live under a path such as /jixiao/.
      publicPath: 'auto',
      // sw.js keeps its name: browsers check the same URL for a new version
      filename: (data) => (data.chunk && data.chunk.name === SW_ENTRY ? 'sw.js' : dev ? '[name].js' : '[name].[contenthash:8].js'),
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
      clean: { keep: (file) => /^(src|templates)(\/|$)/.test(file) },
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              // module: esnext, so that import() becomes a separate chunk.
              configFile: path.join(ROOT, 'tsconfig.webpack.json'),
            },
          },
        },
        {
          test: /\.(png|svg|jpe?g|gif)$/,
          type: 'asset/resource',
        },
      ],
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          // Keep React + Fluent UI in their own long-cached file.
          vendor: {
            test: /[\\/]node_modules[\\/]/,
            name: 'vendor',
            // the service worker runs alone, without the page's vendor chunk
            chunks: (chunk) => chunk.name !== SW_ENTRY && chunk.canBeInitial(),
          },
        },
      },
    },
    performance: {
      hints: dev ? false : 'warning',
      maxEntrypointSize: 1_500_000,
      maxAssetSize: 1_500_000,
      assetFilter: (file) => /\.js$/.test(file) && !file.startsWith('assets/office-js/'),
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        // Office.js only where the page may be in Office (see scripts/office-host.js)
        templateParameters: { officeLoader: officeLoader() },
      }),
      new HtmlWebpackPlugin({
        filename: 'review.html',
        template: './src/taskpane/review/review.html',
        chunks: ['review'],
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'support.html',
        template: './src/taskpane/support.html',
        chunks: [],
        inject: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets', globOptions: { ignore: ['**/.*'] } },
          {
            from: OFFICE_JS_DIR,
            to: 'assets/office-js',
            // Excel only; debug builds of the scripts only for development builds.
            filter: (file) => {
              const rel = path.relative(OFFICE_JS_DIR, file);
              const base = path.basename(file);
              if (OTHER_HOSTS.test(rel) || /^outlook_strings/.test(base)) return false;
              if (/\.d\.ts$|vsdoc/.test(base)) return false;
              return dev || !/\.debug\.js$/.test(base);
            },
            info: { minimized: true },
          },
          // a region's scheme files beside the page (IT may also drop them into dist/schemes/ later): the page reads
          // schemes/index.json, written by `jixiao scheme catalog schemes`, at start. JIXIAO_SCHEMES names another folder.
          {
            from: process.env.JIXIAO_SCHEMES ? path.resolve(process.env.JIXIAO_SCHEMES) : 'schemes',
            to: 'schemes',
            noErrorOnMissing: true,
            globOptions: { ignore: ['**/.*'] },
            filter: (file) => /\.json$/i.test(file),
          },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => rewriteManifest(content.toString('utf8'), origin),
          },
        ],
      }),
      new SchemesCatalogPlugin(),
      new LazyOnlyPlugin(),
      ...(serviceWorker ? [new ServiceWorkerPlugin({ file: 'sw.js', startup: ['taskpane', 'standalone', 'review', 'review-worker'] })] : []),
      ...(serve ? [] : [new CheckManifestPlugin(origin)]),
    ],
    stats: dev ? 'minimal' : 'normal',
  };

  if (serve) {
    config.devServer = {
      // Office on this machine is the only client; do not listen on other interfaces.
      host: 'localhost',
      port,
      server: { type: 'https', options: await devServerHttps() },
      headers: { 'Access-Control-Allow-Origin': '*' },
      hot: true,
      static: false,
      client: { overlay: { warnings: false, errors: true } },
    };
  }

  return config;
};
