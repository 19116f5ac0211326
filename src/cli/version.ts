import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The folder of jixiao's package.json above this file (src/cli in tests, dist/src/cli when built). */
export function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
      if (pkg.name === 'jixiao') return dir;
    }
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '../..');
  }
}

/** The package version, from its package.json. */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { name?: string; version?: string };
    return pkg.name === 'jixiao' && pkg.version ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
