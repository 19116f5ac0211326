#!/usr/bin/env node
/**
 * Offline check of the add-in manifest: what `office-addin-manifest validate` cannot tell us
 * without the network, plus this project's own rules.
 *
 *   - the XML is well-formed and is a TaskPaneApp for the Workbook host;
 *   - Permissions is exactly ReadWriteDocument; Id is a GUID;
 *   - <Requirements> asks for ExcelApi 1.7 or later, what every recompute calls, so that Excel without it
 *     (Excel 2016 volume licence: ExcelApi 1.1) does not offer the add-in;
 *   - every resid resolves to a resource of the right kind, ids are unique,
 *     strings fit Office's length limits;
 *   - every URL (IconUrl, HighResolutionIconUrl, SupportUrl, SourceLocation, bt:Image, bt:Url,
 *     and their Overrides) is https and lies on the configured origin;
 *   - with a build output directory: every page and icon the manifest names exists there,
 *     and each PNG icon has the pixel size the manifest declares.
 *
 *   node scripts/check-manifest.js [manifest.xml] [--origin URL] [--dist DIR | --no-files] [--json]
 *
 * The origin defaults to $ADDIN_ORIGIN, else https://localhost:3000. Exits 1 listing every problem.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { URL } = require('url');
const { XMLParser, XMLValidator } = require('fast-xml-parser');
const { DEV_ORIGIN, normaliseOrigin, originFromEnv } = require('./make-manifest');
const { readPngSize } = require('./make-icons');

const REQUIRED_PERMISSION = 'ReadWriteDocument';
/** the ExcelApi version a recompute needs (src/workbook/office/host.ts REQUIRED.recompute) */
const REQUIRED_EXCEL_API = '1.7';
const REQUIRED_HOST = 'Workbook';
const SHORT_STRING_MAX = 125;
const LONG_STRING_MAX = 250;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resource collections under <Resources>, by the local name of the collection element. */
const RESOURCE_KINDS = { Images: 'Images', Urls: 'Urls', ShortStrings: 'ShortStrings', LongStrings: 'LongStrings' };

/** Which resource kind a resid on a given element must point at. */
const EXPECTED_KIND = {
  Image: 'Images',
  SourceLocation: 'Urls',
  LearnMoreUrl: 'Urls',
  FunctionFile: 'Urls',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Description: 'LongStrings',
};

/** Top-level elements whose DefaultValue (and Override Value) is a URL. */
const URL_ELEMENTS = new Set(['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation']);

// ---------------------------------------------------------------- XML tree

/**
 * @typedef {{ name: string, local: string, attrs: Record<string,string>, children: XmlNode[], text: string, parent?: XmlNode }} XmlNode
 */

const localName = (name) => name.slice(name.indexOf(':') + 1);

/** Parses XML into a small element tree. Throws with line/column if it is not well-formed. */
function parseXml(xml) {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new Error(`not well-formed XML at line ${line}, column ${col}: ${msg}`);
  }
  const ordered = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: true,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
  }).parse(xml);

  /** @returns {XmlNode[]} */
  const build = (items, parent) => {
    const out = [];
    for (const item of items) {
      const name = Object.keys(item).find((k) => k !== ':@');
      if (!name || name === '#text' || name === '#comment') continue;
      /** @type {XmlNode} */
      const node = { name, local: localName(name), attrs: item[':@'] || {}, children: [], text: '', parent };
      const kids = item[name] || [];
      node.text = kids
        .filter((k) => '#text' in k)
        .map((k) => String(k['#text']))
        .join('')
        .trim();
      node.children = build(kids, node);
      out.push(node);
    }
    return out;
  };
  const roots = build(ordered, undefined);
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0];
}

function* walk(node) {
  yield node;
  for (const child of node.children) yield* walk(child);
}

const child = (node, local) => node && node.children.find((c) => c.local === local);
const attr = (node, local) => {
  if (!node) return undefined;
  const key = Object.keys(node.attrs).find((k) => localName(k) === local);
  return key === undefined ? undefined : node.attrs[key];
};
const where = (node) => {
  const parts = [];
  for (let n = node; n; n = n.parent) parts.unshift(n.local);
  return parts.join('/');
};

/** DefaultValue plus every <Override Value> of an element, each with where it came from. */
function valuesOf(node) {
  const out = [];
  const def = attr(node, 'DefaultValue');
  if (def !== undefined) out.push({ locale: undefined, value: def });
  for (const o of node.children.filter((c) => c.local === 'Override')) {
    out.push({ locale: attr(o, 'Locale'), value: attr(o, 'Value') ?? '' });
  }
  return out;
}

/** "1.10" vs "1.7" as versions, not as text. */
function compareVersions(a, b) {
  const x = String(a).split('.').map(Number);
  const y = String(b).split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] || 0) - (y[i] || 0);
    if (d) return d;
  }
  return 0;
}

// ---------------------------------------------------------------- the check

/**
 * Checks a manifest.
 * @param {{ xml?: string, manifestPath?: string, origin?: string, outDir?: string }} options
 *   outDir: build output directory to find the referenced files in; omit to skip that part.
 * @returns {{ ok: boolean, problems: string[], facts: object }}
 */
function checkManifest(options) {
  const problems = [];
  const facts = {
    id: undefined,
    version: undefined,
    defaultLocale: undefined,
    displayName: undefined,
    description: undefined,
    permissions: undefined,
    hosts: [],
    /** <Requirements><Sets>: set name → MinVersion */
    requirements: {},
    overrideHosts: [],
    taskpaneIds: [],
    resources: {},
    resids: [],
    urls: [],
    files: [],
  };
  let origin;
  try {
    origin = options.origin ? normaliseOrigin(options.origin) : originFromEnv();
  } catch (err) {
    return { ok: false, problems: [err.message], facts };
  }
  facts.origin = origin;

  let xml = options.xml;
  if (xml === undefined) {
    try {
      xml = fs.readFileSync(options.manifestPath, 'utf8');
    } catch (err) {
      return { ok: false, problems: [`cannot read ${options.manifestPath}: ${err.message}`], facts };
    }
  }

  let root;
  try {
    root = parseXml(xml);
  } catch (err) {
    return { ok: false, problems: [err.message], facts };
  }

  // --- what kind of add-in
  if (root.local !== 'OfficeApp') problems.push(`root element is <${root.name}>, expected <OfficeApp>`);
  if (attr(root, 'type') !== 'TaskPaneApp') problems.push(`OfficeApp xsi:type is ${JSON.stringify(attr(root, 'type'))}, expected "TaskPaneApp"`);

  const idNode = child(root, 'Id');
  facts.id = idNode && idNode.text;
  if (!facts.id || !GUID.test(facts.id)) problems.push(`<Id> must be a GUID, got ${JSON.stringify(facts.id)}`);

  const versionNode = child(root, 'Version');
  facts.version = versionNode && versionNode.text;
  if (!facts.version || !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(facts.version)) {
    problems.push(`<Version> must look like 1.0.0.0, got ${JSON.stringify(facts.version)}`);
  }

  const localeNode = child(root, 'DefaultLocale');
  facts.defaultLocale = localeNode && localeNode.text;
  if (!facts.defaultLocale) problems.push('<DefaultLocale> is missing');

  for (const [key, local, max] of [
    ['displayName', 'DisplayName', SHORT_STRING_MAX],
    ['description', 'Description', LONG_STRING_MAX],
  ]) {
    const node = child(root, local);
    if (!node) {
      problems.push(`<${local}> is missing`);
      continue;
    }
    const values = valuesOf(node);
    facts[key] = {
      default: attr(node, 'DefaultValue'),
      overrides: Object.fromEntries(values.filter((v) => v.locale).map((v) => [v.locale, v.value])),
    };
    if (!facts[key].default) problems.push(`<${local}> has no DefaultValue`);
    for (const v of values) {
      if (v.value.length > max) problems.push(`<${local}>${v.locale ? ` (${v.locale})` : ''} is ${v.value.length} characters; the limit is ${max}`);
    }
  }

  const permNode = child(root, 'Permissions');
  facts.permissions = permNode && permNode.text;
  if (facts.permissions !== REQUIRED_PERMISSION) {
    problems.push(`<Permissions> is ${JSON.stringify(facts.permissions)}; this add-in needs exactly ${REQUIRED_PERMISSION}`);
  }

  facts.hosts = (child(root, 'Hosts')?.children || []).filter((h) => h.local === 'Host').map((h) => attr(h, 'Name'));
  if (!facts.hosts.includes(REQUIRED_HOST)) problems.push(`<Hosts> must contain <Host Name="${REQUIRED_HOST}"/>, found ${JSON.stringify(facts.hosts)}`);

  // --- requirement sets (after <Hosts>, before <DefaultSettings>: the schema's order)
  const order = root.children.map((c) => c.local);
  const reqNode = child(root, 'Requirements');
  const sets = reqNode ? child(reqNode, 'Sets') : undefined;
  for (const set of sets ? sets.children.filter((c) => c.local === 'Set') : []) {
    facts.requirements[attr(set, 'Name')] = attr(set, 'MinVersion') ?? attr(sets, 'DefaultMinVersion') ?? '1.1';
  }
  const excelApi = facts.requirements.ExcelApi;
  if (!excelApi) {
    problems.push(`<Requirements> must ask for <Set Name="ExcelApi" MinVersion="${REQUIRED_EXCEL_API}"/>: without it Excel that cannot run the add-in still offers it`);
  } else if (compareVersions(excelApi, REQUIRED_EXCEL_API) < 0) {
    problems.push(`<Requirements> asks for ExcelApi ${excelApi}; a recompute needs ${REQUIRED_EXCEL_API}`);
  }
  if (reqNode && !(order.indexOf('Hosts') < order.indexOf('Requirements') && order.indexOf('Requirements') < order.indexOf('DefaultSettings'))) {
    problems.push('<Requirements> must come after <Hosts> and before <DefaultSettings>');
  }

  const overrides = child(root, 'VersionOverrides');
  if (!overrides) problems.push('<VersionOverrides> is missing (no ribbon button)');
  facts.overrideHosts = overrides ? (child(overrides, 'Hosts')?.children || []).map((h) => attr(h, 'type')) : [];
  if (overrides && !facts.overrideHosts.includes(REQUIRED_HOST)) {
    problems.push(`<VersionOverrides><Hosts> must contain <Host xsi:type="${REQUIRED_HOST}">, found ${JSON.stringify(facts.overrideHosts)}`);
  }

  const nodes = [...walk(root)];
  facts.taskpaneIds = nodes.filter((n) => n.local === 'TaskpaneId').map((n) => n.text);

  // --- resources and resids
  /** @type {Map<string, { kind: string, node: XmlNode }>} */
  const resources = new Map();
  const resourcesNode = overrides && child(overrides, 'Resources');
  for (const collection of resourcesNode ? resourcesNode.children : []) {
    const kind = RESOURCE_KINDS[collection.local];
    if (!kind) continue;
    for (const res of collection.children) {
      const id = attr(res, 'id');
      if (!id) {
        problems.push(`${where(res)} has no id`);
        continue;
      }
      if (id.length > 32) problems.push(`resource id "${id}" is ${id.length} characters; the limit is 32`);
      if (resources.has(id)) problems.push(`resource id "${id}" is defined more than once`);
      resources.set(id, { kind, node: res });
      const values = valuesOf(res);
      if (!attr(res, 'DefaultValue')) problems.push(`resource "${id}" has no DefaultValue`);
      const max = kind === 'ShortStrings' ? SHORT_STRING_MAX : kind === 'LongStrings' ? LONG_STRING_MAX : 2048;
      for (const v of values) {
        if (v.value.length > max) problems.push(`resource "${id}"${v.locale ? ` (${v.locale})` : ''} is ${v.value.length} characters; the limit is ${max}`);
      }
    }
  }
  facts.resources = Object.fromEntries([...resources].map(([id, r]) => [id, r.kind]));

  for (const node of nodes) {
    const resid = attr(node, 'resid');
    if (resid === undefined) continue;
    facts.resids.push(resid);
    const res = resources.get(resid);
    if (!res) {
      problems.push(`${where(node)} resid="${resid}" is not defined in <Resources>`);
      continue;
    }
    const expected = EXPECTED_KIND[node.local];
    if (expected && res.kind !== expected) {
      problems.push(`${where(node)} resid="${resid}" points at a ${res.kind} resource; <${node.local}> needs ${expected}`);
    }
  }

  // --- URLs
  /** @type {{ where: string, url: string, kind: 'page'|'image', size?: number }[]} */
  const urls = [];
  for (const node of nodes) {
    if (URL_ELEMENTS.has(node.local) && attr(node, 'resid') === undefined) {
      const isImage = node.local === 'IconUrl' || node.local === 'HighResolutionIconUrl';
      const size = node.local === 'IconUrl' ? 32 : node.local === 'HighResolutionIconUrl' ? 64 : undefined;
      for (const v of valuesOf(node)) {
        urls.push({ where: where(node) + (v.locale ? `[${v.locale}]` : ''), url: v.value, kind: isImage ? 'image' : 'page', size });
      }
    }
  }
  for (const [id, res] of resources) {
    if (res.kind !== 'Images' && res.kind !== 'Urls') continue;
    for (const v of valuesOf(res.node)) {
      urls.push({ where: `resource "${id}"${v.locale ? `[${v.locale}]` : ''}`, url: v.value, kind: res.kind === 'Images' ? 'image' : 'page' });
    }
  }
  facts.urls = urls.map((u) => u.url);

  const onOrigin = [];
  for (const u of urls) {
    let parsed;
    try {
      parsed = new URL(u.url);
    } catch {
      problems.push(`${u.where}: not a URL: ${JSON.stringify(u.url)}`);
      continue;
    }
    if (parsed.protocol !== 'https:') {
      problems.push(`${u.where}: ${u.url} is not https`);
      continue;
    }
    if (!u.url.startsWith(origin + '/')) {
      problems.push(`${u.where}: ${u.url} is not on the configured origin ${origin}`);
      continue;
    }
    onOrigin.push(u);
  }

  for (const node of nodes.filter((n) => n.local === 'AppDomain')) {
    let parsed;
    try {
      parsed = new URL(node.text);
    } catch {
      problems.push(`<AppDomain> ${JSON.stringify(node.text)} is not a URL`);
      continue;
    }
    if (parsed.protocol !== 'https:') problems.push(`<AppDomain> ${node.text} is not https`);
  }

  // --- files in the build output
  if (options.outDir) {
    const outDir = path.resolve(options.outDir);
    if (!fs.existsSync(outDir) || !fs.statSync(outDir).isDirectory()) {
      problems.push(`build output directory ${outDir} does not exist (run npm run build:addin first)`);
    } else {
      /** Sizes each image must have: from IconUrl/HighResolutionIconUrl, and from <bt:Image size> references. */
      const wantedSizes = new Map();
      for (const node of nodes) {
        const resid = attr(node, 'resid');
        const size = attr(node, 'size');
        const res = resid && resources.get(resid);
        if (res && res.kind === 'Images' && size) {
          for (const v of valuesOf(res.node)) {
            const set = wantedSizes.get(v.value) || new Set();
            set.add(Number(size));
            wantedSizes.set(v.value, set);
          }
        }
      }
      const checked = new Set();
      for (const u of onOrigin) {
        if (u.size) {
          const set = wantedSizes.get(u.url) || new Set();
          set.add(u.size);
          wantedSizes.set(u.url, set);
        }
      }
      for (const u of onOrigin) {
        if (checked.has(u.url)) continue;
        checked.add(u.url);
        const rel = decodeURIComponent(u.url.slice(origin.length + 1).split(/[?#]/)[0]);
        const file = path.join(outDir, rel);
        if (!rel || rel.endsWith('/') || !file.startsWith(outDir + path.sep)) {
          problems.push(`${u.where}: ${u.url} does not name a file`);
          continue;
        }
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
          problems.push(`${u.where}: ${u.url} → ${path.relative(process.cwd(), file) || file} does not exist in the build output`);
          continue;
        }
        facts.files.push(rel);
        if (u.kind === 'image') {
          const sizes = wantedSizes.get(u.url);
          if (!/\.png$/i.test(rel)) {
            problems.push(`${u.where}: ${rel} is not a PNG`);
            continue;
          }
          let dims;
          try {
            dims = readPngSize(fs.readFileSync(file));
          } catch (err) {
            problems.push(`${u.where}: ${rel}: ${err.message}`);
            continue;
          }
          for (const s of sizes || []) {
            if (dims.width !== s || dims.height !== s) {
              problems.push(`${u.where}: ${rel} is ${dims.width}x${dims.height}, the manifest uses it as ${s}x${s}`);
            }
          }
        }
      }
    }
  }

  return { ok: problems.length === 0, problems, facts };
}

// ---------------------------------------------------------------- command line

const USAGE = `usage: node scripts/check-manifest.js [manifest.xml] [--origin URL] [--dist DIR | --no-files] [--json]
  manifest   default: manifest.xml at the repository root
  --origin   every URL must be https and start with this (default: $ADDIN_ORIGIN, else ${DEV_ORIGIN})
  --dist     build output to look for referenced pages and icons in (default: dist/)
  --no-files skip the build-output part
  --json     print the result as JSON`;

function main(argv) {
  const root = path.join(__dirname, '..');
  const opts = { manifestPath: undefined, origin: undefined, outDir: path.join(root, 'dist'), json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--origin') opts.origin = value();
    else if (a === '--dist') opts.outDir = value();
    else if (a === '--no-files') opts.outDir = undefined;
    else if (a === '--json') opts.json = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else if (opts.manifestPath) throw new Error(`only one manifest at a time (got ${opts.manifestPath} and ${a})`);
    else opts.manifestPath = a;
  }
  opts.manifestPath = path.resolve(opts.manifestPath || path.join(root, 'manifest.xml'));
  const result = checkManifest(opts);
  const name = path.relative(process.cwd(), opts.manifestPath) || opts.manifestPath;
  if (opts.json) {
    console.log(JSON.stringify({ manifest: name, ...result }, null, 2));
  } else if (result.ok) {
    const f = result.facts;
    console.log(
      `${name}: OK — ${f.resids.length} resids resolve, ${f.urls.length} URLs on ${f.origin}` +
        (opts.outDir ? `, ${f.files.length} files present in ${path.relative(process.cwd(), opts.outDir) || '.'}` : ' (build output not checked)'),
    );
  } else {
    console.error(`${name}: ${result.problems.length} problem(s)`);
    for (const p of result.problems) console.error(`  - ${p}`);
  }
  return result.ok ? 0 : 1;
}

module.exports = { checkManifest, parseXml, REQUIRED_EXCEL_API };

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`check-manifest: ${err.message}\n${USAGE}`);
    process.exitCode = 2;
  }
}
