import * as fs from 'fs';
import * as path from 'path';
import { atomicWrite, removeStaleTemps } from '../../src/cli/atomicWrite';
import { listFiles, tempDir } from './helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const modeOf = (file: string) => fs.statSync(file).mode & 0o7777;
const isRoot = process.getuid?.() === 0;

describe('atomicWrite', () => {
  it('writes a new file and replaces an existing one, leaving no temporary file', async () => {
    const target = path.join(dir, '结果.xlsx');
    await atomicWrite(target, Buffer.from('first'));
    expect(fs.readFileSync(target, 'utf8')).toBe('first');
    await atomicWrite(target, 'second');
    expect(fs.readFileSync(target, 'utf8')).toBe('second');
    expect(listFiles(dir)).toEqual(['结果.xlsx']);
  });

  it('on failure leaves the target as it was and no temporary file', async () => {
    // the target is a folder: nothing can replace it
    const target = path.join(dir, 'out.xlsx');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'keep');
    await expect(atomicWrite(target, Buffer.alloc(100000, 1))).rejects.toMatchObject({ code: 'EISDIR' });
    expect(listFiles(dir)).toEqual(['out.xlsx', path.join('out.xlsx', 'keep.txt')]);
  });

  it('fails cleanly when the directory does not exist', async () => {
    await expect(atomicWrite(path.join(dir, 'no', 'such', 'x.xlsx'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(listFiles(dir)).toEqual([]);
  });

  it('keeps the permissions of the file it replaces (0600 stays 0600)', async () => {
    for (const mode of [0o600, 0o640, 0o660, 0o604]) {
      const target = path.join(dir, `m${mode.toString(8)}.xlsx`);
      fs.writeFileSync(target, 'old');
      fs.chmodSync(target, mode);
      await atomicWrite(target, 'new');
      expect(fs.readFileSync(target, 'utf8')).toBe('new');
      expect(modeOf(target).toString(8)).toBe(mode.toString(8));
    }
    // a new file gets the usual 0666 less the umask
    const fresh = path.join(dir, 'fresh.xlsx');
    await atomicWrite(fresh, 'x');
    const umask = process.umask();
    expect(modeOf(fresh).toString(8)).toBe((0o666 & ~umask).toString(8));
  });

  it('writes through a symbolic link: the link stays, the file it points to is replaced', async () => {
    fs.mkdirSync(path.join(dir, 'real'));
    const real = path.join(dir, 'real', '评分结果.xlsx');
    fs.writeFileSync(real, 'old');
    fs.chmodSync(real, 0o600);
    fs.symlinkSync(path.join('real', '评分结果.xlsx'), path.join(dir, 'link.xlsx'));
    fs.symlinkSync('link.xlsx', path.join(dir, 'link2.xlsx'));
    await atomicWrite(path.join(dir, 'link2.xlsx'), 'new');
    expect(fs.lstatSync(path.join(dir, 'link.xlsx')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(path.join(dir, 'link2.xlsx')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toBe('new');
    expect(modeOf(real)).toBe(0o600);
    expect(listFiles(dir)).toEqual(['link.xlsx', 'link2.xlsx', 'real', path.join('real', '评分结果.xlsx')]);

    // a link to a file not yet there: the file is made where it points
    fs.symlinkSync(path.join('real', 'later.xlsx'), path.join(dir, 'dangling.xlsx'));
    await atomicWrite(path.join(dir, 'dangling.xlsx'), 'made');
    expect(fs.readFileSync(path.join(dir, 'real', 'later.xlsx'), 'utf8')).toBe('made');
    expect(fs.lstatSync(path.join(dir, 'dangling.xlsx')).isSymbolicLink()).toBe(true);

    // a loop of links is refused, nothing written
    fs.symlinkSync('b.xlsx', path.join(dir, 'a.xlsx'));
    fs.symlinkSync('a.xlsx', path.join(dir, 'b.xlsx'));
    await expect(atomicWrite(path.join(dir, 'a.xlsx'), 'x')).rejects.toMatchObject({ code: 'ELOOP' });
    expect(listFiles(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  (isRoot ? it.skip : it)('refuses to replace a file the user may not write (a read-only output)', async () => {
    const target = path.join(dir, 'readonly.xlsx');
    fs.writeFileSync(target, 'keep');
    fs.chmodSync(target, 0o444);
    await expect(atomicWrite(target, 'new')).rejects.toMatchObject({ code: 'EACCES' });
    expect(fs.readFileSync(target, 'utf8')).toBe('keep');
    expect(listFiles(dir)).toEqual(['readonly.xlsx']);
  });

  it('writes a name of 80 Chinese characters (240 bytes): the temporary name beside it stays short', async () => {
    const name = `${'评'.repeat(80)}.xlsx`;
    expect(Buffer.byteLength(name)).toBe(245);
    await atomicWrite(path.join(dir, name), 'x');
    expect(listFiles(dir)).toEqual([name]);
    // 255 bytes is the file system's own limit, beyond it the write fails whole
    await expect(atomicWrite(path.join(dir, `${'评'.repeat(84)}.xlsx`), 'x')).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    expect(listFiles(dir)).toEqual([name]);
  });
});

describe('stale temporary files', () => {
  const HOUR = 3600_000;
  const age = (file: string, ms: number) => {
    const t = new Date(Date.now() - ms);
    fs.utimesSync(path.join(dir, file), t, t);
  };
  // pids above Linux's largest (2^22) never run
  const deadPid = 4194304 + 1234;

  it('removes only ours and only stale ones: a dead writer after ten minutes, any after a day', () => {
    const files = {
      stale: `.jixiao-${deadPid}-0123abcd.tmp`,
      fresh: `.jixiao-${deadPid}-89abcdef.tmp`,
      live: `.jixiao-${process.pid}-00000000.tmp`,
      abandoned: `.jixiao-${process.pid}-11111111.tmp`,
      legacy: `.评分结果.xlsx.${deadPid}.deadbeef.tmp`,
      foreign: '.report.tmp',
      foreignLike: `.jixiao-${deadPid}-xyz.tmp`,
      officer: `评分结果.xlsx`,
    };
    for (const f of Object.values(files)) fs.writeFileSync(path.join(dir, f), 'x');
    fs.mkdirSync(path.join(dir, `.jixiao-${deadPid}-22222222.tmp`));
    age(files.stale, HOUR);
    age(files.fresh, 60_000);
    age(files.live, HOUR);
    age(files.abandoned, 25 * HOUR);
    age(files.legacy, HOUR);
    age(files.foreign, 48 * HOUR);
    age(files.foreignLike, 48 * HOUR);
    age(files.officer, 48 * HOUR);
    age(`.jixiao-${deadPid}-22222222.tmp`, 48 * HOUR);

    removeStaleTemps(dir);
    expect(listFiles(dir)).toEqual(
      [files.fresh, files.live, files.foreign, files.foreignLike, files.officer, `.jixiao-${deadPid}-22222222.tmp`].sort(),
    );
  });

  it('are removed by the next write into the same folder', async () => {
    const left = `.jixiao-${deadPid}-0badcafe.tmp`;
    fs.writeFileSync(path.join(dir, left), 'half a workbook');
    age(left, HOUR);
    await atomicWrite(path.join(dir, 'out.xlsx'), 'x');
    expect(listFiles(dir)).toEqual(['out.xlsx']);
  });
});
