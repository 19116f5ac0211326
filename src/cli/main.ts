import { run } from './run';

// exitCode rather than process.exit(), so that piped stdout is flushed before the process ends
run(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
  progress: process.stderr.isTTY ? (text) => void process.stderr.write(text) : undefined,
}).then((code) => {
  process.exitCode = code;
});
