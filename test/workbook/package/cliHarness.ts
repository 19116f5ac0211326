/**
 * Runs `jixiao score FILE -o OUT` for each file given, in one process (started by hostile.test.ts with a small
 * heap): one JSON line per file with the exit status and what was printed.
 */
import * as path from 'path';
import { run } from '../../../src/cli/run';

async function main(): Promise<void> {
  const [dir, ...files] = process.argv.slice(2);
  for (const file of files) {
    let stdout = '';
    let stderr = '';
    const code = await run(['score', file, '-o', `${path.basename(file)}.out.xlsx`], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      cwd: dir,
    });
    process.stdout.write(JSON.stringify({ file, code, stderr, wrote: stdout.includes('已写入') }) + '\n');
  }
}

void main();
