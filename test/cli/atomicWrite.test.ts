import * as fs from 'fs';
import * as path from 'path';
import { atomicWrite } from '../../src/cli/atomicWrite';
import { listFiles, tempDir } from './helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

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
    // the target is a folder: the rename fails after the bytes were written to the temporary file
    const target = path.join(dir, 'out.xlsx');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'keep');
    await expect(atomicWrite(target, Buffer.alloc(100000, 1))).rejects.toThrow();
    expect(listFiles(dir)).toEqual(['out.xlsx', path.join('out.xlsx', 'keep.txt')]);
  });

  it('fails cleanly when the directory does not exist', async () => {
    await expect(atomicWrite(path.join(dir, 'no', 'such', 'x.xlsx'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(listFiles(dir)).toEqual([]);
  });
});
