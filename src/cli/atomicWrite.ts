import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { actOnPendingSignals, handleInterrupts } from './interrupt';

/**
 * Temporary files are named `.jixiao-<pid>-<8 hex>.tmp` whatever the target: short, so that a target name the
 * file system accepts (up to 255 bytes on Linux) is never refused because of the temporary name beside it,
 * and recognisable, so that one left behind (a power cut, `kill -9`) is ours to remove later.
 */
const TEMP = /^\.jixiao-(\d+)-[0-9a-f]{8}\.tmp$/;
/** The form earlier versions used: `.<target>.<pid>.<8 hex>.tmp`, for an .xlsx or .pdf target. */
const LEGACY_TEMP = /^\..+\.(?:xlsx|pdf)\.(\d+)\.[0-9a-f]{8}\.tmp$/i;

/** A temporary file of a process that no longer runs is stale after this long (a write takes seconds)… */
const STALE_MS = 10 * 60 * 1000;
/** …and any after a day, its pid since reused or on another machine sharing the folder. */
const ABANDONED_MS = 24 * 60 * 60 * 1000;

/**
 * Writes a file whole or not at all: the bytes go to a temporary file beside the target (same directory,
 * hence same file system, so the rename is atomic), are flushed to disk, and only then replace the target.
 * On any failure the temporary file is removed and the target is left as it was.
 *
 * An existing target keeps what the officer set on it: a symbolic link stays a link and the file it points
 * to is replaced; the file's permissions (0600 stays 0600) and, where allowed, its owner are kept. A file
 * the user may not write is refused (EACCES) rather than replaced by rename. Stale temporary files of ours
 * in the folder are removed first.
 *
 * Synchronous on purpose: a signal cannot be handled in the middle, so Ctrl+C during a write waits for the
 * write to end whole (or fail whole), and is acted on right after (see interrupt.ts).
 */
export async function atomicWrite(target: string, data: Uint8Array | string): Promise<void> {
  handleInterrupts();
  const real = followLinks(target);
  const existing = statIfAny(real);
  if (existing?.isDirectory()) throw fsError('EISDIR', real);
  if (existing) fs.accessSync(real, fs.constants.W_OK);
  const dir = path.dirname(real);
  removeStaleTemps(dir);
  const tmp = path.join(dir, `.jixiao-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o666);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    if (existing) keepOwnership(fd, existing);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, real);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing
      }
    }
    fs.rmSync(tmp, { force: true });
    throw err;
  } finally {
    await actOnPendingSignals();
  }
}

function fsError(code: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${file}`), { code, path: file });
}

function statIfAny(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The file a path names once every symbolic link on its last part is followed (also a dangling link's target). */
function followLinks(target: string): string {
  let p = path.resolve(target);
  for (let hops = 0; hops < 40; hops++) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return p;
      throw err;
    }
    if (!st.isSymbolicLink()) return p;
    p = path.resolve(path.dirname(p), fs.readlinkSync(p));
  }
  throw fsError('ELOOP', target);
}

/** The replaced file's permission bits, and its owner when we may set it (root replacing an officer's file). */
function keepOwnership(fd: number, was: fs.Stats): void {
  fs.fchmodSync(fd, was.mode & 0o7777);
  const uid = process.getuid?.();
  if (uid !== undefined && (uid !== was.uid || process.getgid?.() !== was.gid)) {
    try {
      fs.fchownSync(fd, was.uid, was.gid);
      fs.fchmodSync(fd, was.mode & 0o7777); // chown clears set-id bits
    } catch {
      // not allowed for a non-root user: the file becomes the writer's, as with any editor's "save"
    }
  }
}

/** Our temporary files in `dir` left by a process that was killed or lost power: only ours, only stale. */
export function removeStaleTemps(dir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP.exec(name) ?? LEGACY_TEMP.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile()) continue;
      const age = now - st.mtimeMs;
      if (age > ABANDONED_MS || (age > STALE_MS && !isRunning(Number(m[1])))) fs.rmSync(file, { force: true });
    } catch {
      // gone meanwhile, or not ours to remove: leave it
    }
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
