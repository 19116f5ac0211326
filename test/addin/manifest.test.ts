/**
 * The add-in manifest: facts we rely on, and the offline checker that guards them
 * (scripts/check-manifest.js), including that it catches broken manifests.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REQUIRED } from '../../src/workbook/office/host';

interface LocalisedValue {
  default: string;
  overrides: Record<string, string>;
}
interface ManifestFacts {
  origin: string;
  id: string;
  version: string;
  defaultLocale: string;
  displayName: LocalisedValue;
  description: LocalisedValue;
  permissions: string;
  hosts: string[];
  requirements: Record<string, string>;
  overrideHosts: string[];
  taskpaneIds: string[];
  resources: Record<string, string>;
  resids: string[];
  urls: string[];
  files: string[];
}
interface CheckResult {
  ok: boolean;
  problems: string[];
  facts: ManifestFacts;
}
interface CheckManifestModule {
  checkManifest(options: { xml?: string; manifestPath?: string; origin?: string; outDir?: string }): CheckResult;
}
interface MakeManifestModule {
  DEV_ORIGIN: string;
  normaliseOrigin(origin: string): string;
  rewriteManifest(xml: string, origin: string): string;
}
interface MakeIconsModule {
  SIZES: number[];
  makeIcons(outDir: string): string[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
const { checkManifest } = require('../../scripts/check-manifest') as CheckManifestModule;
const { DEV_ORIGIN, normaliseOrigin, rewriteManifest } = require('../../scripts/make-manifest') as MakeManifestModule;
const { SIZES, makeIcons } = require('../../scripts/make-icons') as MakeIconsModule;
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const CHECKER = path.join(ROOT, 'scripts', 'check-manifest.js');
const xml = fs.readFileSync(MANIFEST, 'utf8');

/** Width and height from a PNG's IHDR chunk, read here independently of the scripts. */
function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(buf.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-manifest-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Writes a variant of the manifest and checks it (origin given explicitly: ADDIN_ORIGIN may be set). */
function checkVariant(name: string, edit: (text: string) => string, outDir?: string): CheckResult {
  const edited = edit(xml);
  expect(edited).not.toBe(xml); // the edit really happened
  const file = path.join(tmp, name);
  fs.writeFileSync(file, edited);
  return checkManifest({ manifestPath: file, origin: DEV_ORIGIN, outDir });
}

describe('manifest.xml', () => {
  const result = checkManifest({ manifestPath: MANIFEST, origin: DEV_ORIGIN });
  const { facts } = result;

  test('passes the offline check', () => {
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test('is an Excel (Workbook) task-pane add-in asking only for ReadWriteDocument', () => {
    expect(xml).toMatch(/xsi:type="TaskPaneApp"/);
    expect(facts.permissions).toBe('ReadWriteDocument');
    expect(facts.hosts).toEqual(['Workbook']);
    expect(facts.overrideHosts).toEqual(['Workbook']);
    expect(xml).toMatch(/xsi:type="VersionOverridesV1_0"/);
  });

  test('asks for the ExcelApi version every recompute needs (1.7), so that Excel 2016 volume licence does not offer it', () => {
    // Microsoft's table: volume-licensed Office 2016 has ExcelApi 1.1, volume-licensed Office 2019 stops at 1.7
    expect(facts.requirements).toEqual({ ExcelApi: '1.7' });
    expect(facts.requirements.ExcelApi).toBe(REQUIRED.recompute);
    expect(xml).toMatch(/<\/Hosts>\s*(<!--[\s\S]*?-->\s*)?<Requirements>\s*<Sets DefaultMinVersion="1\.7">\s*<Set Name="ExcelApi" MinVersion="1\.7"\/>/);
  });

  test('keeps its GUID', () => {
    expect(facts.id).toBe('70dd89c4-cf01-41ff-b3d3-0e3836c7bed5');
  });

  test('speaks Chinese by default with an English override', () => {
    expect(facts.defaultLocale).toBe('zh-CN');
    expect(facts.displayName.default).toBe('绩效自评');
    expect(facts.displayName.overrides['en-US']).toMatch(/\w/);
    expect(facts.description.default).toBe('绩效自评（项目支出、部门整体支出）：插入标准模板，录入即自动计算评价得分');
    expect(facts.description.overrides['en-US']).toMatch(/\w/);
  });

  test('puts a 绩效评价 group on the Home tab whose button shows the task pane', () => {
    expect(xml).toMatch(/<OfficeTab id="TabHome">/);
    expect(xml).toMatch(/<bt:String id="Jixiao\.Group\.Label" DefaultValue="绩效评价">/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
    expect(facts.taskpaneIds).toEqual(['Office.AutoShowTaskpaneWithDocument']);
  });

  test('every resid resolves to a resource', () => {
    expect(facts.resids.length).toBeGreaterThan(10);
    for (const resid of facts.resids) expect(Object.keys(facts.resources)).toContain(resid);
  });

  test('every URL is https on the development origin', () => {
    expect(facts.urls.length).toBeGreaterThanOrEqual(9);
    for (const url of facts.urls) expect(url.startsWith('https://localhost:3000/')).toBe(true);
    expect(facts.urls).toContain('https://localhost:3000/taskpane.html');
  });

  test.each(SIZES)('assets/icon-%i.png exists with that pixel size', (size) => {
    expect(pngSize(path.join(ROOT, 'assets', `icon-${size}.png`))).toEqual({ width: size, height: size });
    expect(facts.urls).toContain(`https://localhost:3000/assets/icon-${size}.png`);
  });

  test('the checked-in icons are what scripts/make-icons.js draws', () => {
    const out = path.join(tmp, 'icons');
    makeIcons(out);
    expect(SIZES).toEqual([16, 32, 64, 80]);
    for (const size of SIZES) {
      const name = `icon-${size}.png`;
      expect(fs.readFileSync(path.join(out, name)).equals(fs.readFileSync(path.join(ROOT, 'assets', name)))).toBe(true);
    }
  });
});

describe('check-manifest finds problems', () => {
  test('a dangling resid', () => {
    const r = checkVariant('dangling.xml', (t) => t.replace('<Label resid="Jixiao.Group.Label"/>', '<Label resid="Jixiao.Nowhere"/>'));
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.stringMatching(/resid="Jixiao\.Nowhere" is not defined in <Resources>/)]);
  });

  test('a resid of the wrong kind', () => {
    const r = checkVariant('kind.xml', (t) => t.replace('<Label resid="Jixiao.Group.Label"/>', '<Label resid="Taskpane.Url"/>'));
    expect(r.problems).toEqual([expect.stringMatching(/resid="Taskpane\.Url" points at a Urls resource; <Label> needs ShortStrings/)]);
  });

  test('an http:// URL', () => {
    const r = checkVariant('http.xml', (t) =>
      t.replace('<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/', '<bt:Url id="Taskpane.Url" DefaultValue="http://localhost:3000/'),
    );
    expect(r.problems).toEqual([expect.stringMatching(/resource "Taskpane\.Url": http:\/\/localhost:3000\/taskpane\.html is not https/)]);
  });

  test('a URL on another origin, and one in an Override', () => {
    const r = checkVariant('origin.xml', (t) =>
      t.replace(
        '<SupportUrl DefaultValue="https://localhost:3000/support.html"/>',
        '<SupportUrl DefaultValue="https://example.com/help"><Override Locale="en-US" Value="http://localhost:3000/support.html"/></SupportUrl>',
      ),
    );
    expect(r.problems).toEqual([
      expect.stringMatching(/SupportUrl: https:\/\/example\.com\/help is not on the configured origin https:\/\/localhost:3000/),
      expect.stringMatching(/SupportUrl\[en-US\]: http:\/\/localhost:3000\/support\.html is not https/),
    ]);
  });

  test('more permissions than needed', () => {
    const r = checkVariant('perm.xml', (t) => t.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWriteMailbox</Permissions>'));
    expect(r.problems).toEqual([expect.stringMatching(/<Permissions> is "ReadWriteMailbox"; this add-in needs exactly ReadWriteDocument/)]);
  });

  test('no <Requirements>, too low a version, or one in the wrong place', () => {
    const none = checkVariant('noreq.xml', (t) => t.replace(/<Requirements>[\s\S]*?<\/Requirements>/, ''));
    expect(none.problems).toEqual([expect.stringMatching(/<Requirements> must ask for <Set Name="ExcelApi" MinVersion="1\.7"\/>/)]);
    const low = checkVariant('lowreq.xml', (t) => t.replace('<Set Name="ExcelApi" MinVersion="1.7"/>', '<Set Name="ExcelApi" MinVersion="1.4"/>'));
    expect(low.problems).toEqual(['<Requirements> asks for ExcelApi 1.4; a recompute needs 1.7']);
    const later = checkVariant('later.xml', (t) => t.replace('<Set Name="ExcelApi" MinVersion="1.7"/>', '<Set Name="ExcelApi" MinVersion="1.10"/>'));
    expect(later.problems).toEqual([]);
    const moved = checkVariant('moved.xml', (t) => {
      const req = /\s*<Requirements>[\s\S]*?<\/Requirements>/.exec(t)![0];
      return t.replace(req, '').replace('<Permissions>ReadWriteDocument</Permissions>', `<Permissions>ReadWriteDocument</Permissions>${req}`);
    });
    expect(moved.problems).toEqual(['<Requirements> must come after <Hosts> and before <DefaultSettings>']);
  });

  test('XML that is not well-formed', () => {
    const r = checkVariant('broken.xml', (t) => t.replace('</DefaultSettings>', '</DefaultSetting>'));
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.stringMatching(/^not well-formed XML at line \d+, column \d+/)]);
  });

  test('a duplicated resource id and an over-long short string', () => {
    const r = checkVariant('dup.xml', (t) =>
      t
        .replace('<bt:String id="Taskpane.Title" DefaultValue="绩效自评">', '<bt:String id="Jixiao.Group.Label" DefaultValue="绩效自评">')
        .replace('DefaultValue="绩效自评加载项已就绪"', `DefaultValue="${'长'.repeat(126)}"`),
    );
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/resource id "Jixiao\.Group\.Label" is defined more than once/),
        expect.stringMatching(/resid="Taskpane\.Title" is not defined/),
        expect.stringMatching(/resource "GetStarted\.Title" is 126 characters; the limit is 125/),
      ]),
    );
  });

  test('missing pages and icons of the wrong size in a build output', () => {
    const out = path.join(tmp, 'out');
    fs.mkdirSync(path.join(out, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(out, 'taskpane.html'), '<!doctype html>');
    for (const size of [16, 32, 64]) fs.copyFileSync(path.join(ROOT, 'assets', `icon-${size}.png`), path.join(out, 'assets', `icon-${size}.png`));
    fs.copyFileSync(path.join(ROOT, 'assets', 'icon-16.png'), path.join(out, 'assets', 'icon-80.png'));
    const r = checkManifest({ manifestPath: MANIFEST, origin: DEV_ORIGIN, outDir: out });
    expect(r.problems).toEqual([
      expect.stringMatching(/SupportUrl: https:\/\/localhost:3000\/support\.html → .*support\.html does not exist in the build output/),
      expect.stringMatching(/resource "Icon\.80x80": assets\/icon-80\.png is 16x16, the manifest uses it as 80x80/),
    ]);
    fs.writeFileSync(path.join(out, 'support.html'), '<!doctype html>');
    fs.copyFileSync(path.join(ROOT, 'assets', 'icon-80.png'), path.join(out, 'assets', 'icon-80.png'));
    expect(checkManifest({ manifestPath: MANIFEST, origin: DEV_ORIGIN, outDir: out }).problems).toEqual([]);
  });

  test('run alone, it exits 0 on the good manifest and 1 listing the problems on a bad one', () => {
    const env = { ...process.env, ADDIN_ORIGIN: '' };
    const good = spawnSync(process.execPath, [CHECKER, MANIFEST, '--no-files'], { encoding: 'utf8', env });
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/OK — 15 resids resolve, 9 URLs on https:\/\/localhost:3000/);

    const bad = path.join(tmp, 'bad-cli.xml');
    fs.writeFileSync(bad, xml.replace('<Label resid="Jixiao.Group.Label"/>', '<Label resid="Nope"/>').replace(/https:\/\/localhost:3000\/assets\/icon-64\.png/, 'http://cdn.example.com/i.png'));
    const r = spawnSync(process.execPath, [CHECKER, bad, '--no-files'], { encoding: 'utf8', env });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/2 problem\(s\)/);
    expect(r.stderr).toMatch(/resid="Nope" is not defined in <Resources>/);
    expect(r.stderr).toMatch(/http:\/\/cdn\.example\.com\/i\.png is not https/);
  });
});

describe('make-manifest', () => {
  const origin = 'https://intranet.example.gov.cn/jixiao';

  test('normalises and refuses origins', () => {
    expect(normaliseOrigin('https://intranet.example.gov.cn/jixiao/')).toBe(origin);
    expect(normaliseOrigin('https://Host.Example:8443')).toBe('https://host.example:8443');
    expect(() => normaliseOrigin('http://intranet.example.gov.cn')).toThrow(/https/);
    expect(() => normaliseOrigin('intranet.example.gov.cn')).toThrow(/not a URL/);
    expect(() => normaliseOrigin('https://h.example/?a=1')).toThrow(/query/);
  });

  test('leaves the manifest alone for the development origin', () => {
    expect(rewriteManifest(xml, DEV_ORIGIN)).toBe(xml);
  });

  test('rewrites every URL to another origin, AppDomain to its bare origin', () => {
    const out = rewriteManifest(xml, origin + '/');
    expect(out).not.toMatch(/localhost:3000/);
    expect(out).toMatch(/<AppDomain>https:\/\/intranet\.example\.gov\.cn<\/AppDomain>/);
    const r = checkManifest({ xml: out, origin });
    expect(r.problems).toEqual([]);
    expect(r.facts.urls).toHaveLength(9);
    for (const url of r.facts.urls) expect(url.startsWith(origin + '/')).toBe(true);
    // Same add-in, same strings: only URLs changed.
    expect(r.facts.id).toBe(checkManifest({ xml, origin: DEV_ORIGIN }).facts.id);
    // …and on the development origin the rewritten one fails.
    expect(checkManifest({ xml: out, origin: DEV_ORIGIN }).ok).toBe(false);
  });
});
