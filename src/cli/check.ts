/**
 * `jixiao check DIR|FILE… [-o 审核汇总.xlsx] [--json] [--year YYYY] [--scheme ID|FILE]`: the finance bureau's
 * review of every file received. Files are reviewed in worker threads, one file at a time per thread (memory stays
 * bounded whatever the batch), each within a time limit after which its thread is killed and the file listed as
 * unreadable; files that need LibreOffice are converted first. Nothing is written into a reviewed file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { reviewBatch, type BatchReview, type FileResult } from '../review';
import { VERDICT_TEXT } from '../review/words';
import { DEFAULT_LIMITS } from '../workbook/package';
import { parseCommandArgs, parseYear } from './args';
import type { CheckJob, CheckReply, CheckWorkerData } from './checkWorker';
import { conversionOf, convertWithLibreOffice } from './convert';
import { filePath, writeOutput, type FilePath } from './files';
import { CliError, fsReason, type CliIo } from './io';
import { schemeArgument } from './schemeFiles';
import { jsonForTerminal } from './terminal';

/** The files a folder holds that may be forms: workbooks, Word reports, and what LibreOffice converts. */
const FORM_FILE = /\.(xlsx|xlsm|docx|docm|xls|xlt|et|ett|ods|doc|dot|wps|wpt|odt|rtf)$/i;

/** How long one file may take in its worker before it is killed (JIXIAO_CHECK_TIMEOUT_MS to change it). */
const FILE_TIMEOUT_MS = 60_000;

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'check',
    args,
    { output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, year: { type: 'string' }, scheme: { type: 'string' } },
    true,
  );
  if (!positionals.length) throw new CliError('check 需要至少一个文件夹或文件（jixiao check 收件/）；用 jixiao check --help 查看用法');
  const year = parseYear(values.year);
  if (values.scheme !== undefined) schemeArgument(values.scheme, io.cwd); // refused here, once, if wrong
  const out = values.output === undefined ? undefined : filePath(io, values.output, '-o');
  if (out && !/\.xlsx$/i.test(out.path)) throw new CliError(`输出文件“${out.shown}”应以 .xlsx 结尾`);

  const files = collect(io, positionals);
  const env = io.env ?? process.env;
  const timeout = Number(env.JIXIAO_CHECK_TIMEOUT_MS) > 0 ? Number(env.JIXIAO_CHECK_TIMEOUT_MS) : FILE_TIMEOUT_MS;
  const progress = progressLine(io, files.length);
  const results = await reviewAll(files, { year, scheme: values.scheme, cwd: io.cwd, maxFileBytes: DEFAULT_LIMITS.maxFileBytes, timeBudgetMs: DEFAULT_LIMITS.timeBudgetMs }, timeout, env, progress);
  progress.done();
  const batch = reviewBatch(results);

  if (out) {
    const { summaryWorkbook } = await import('../review/summaryWorkbook');
    await writeOutput(out, await summaryWorkbook(batch));
  }
  if (values.json) io.stdout(jsonForTerminal(JSON.stringify(batch, null, 2)) + '\n');
  else io.stdout(reviewText(batch) + (out ? `\n已写入：${out.shown}\n` : ''));
  const s = batch.summary;
  return s.fix + s.verify + s.unreadable + s.not_ours > 0 ? 1 : 0;
}

interface Found extends FilePath {
  /** as reported: relative to the working directory when inside it */
  file: string;
}

/** Every file named, folders walked recursively (form files only, lock files ~$… and hidden files skipped), sorted. */
function collect(io: CliIo, given: string[]): Found[] {
  const out: Found[] = [];
  const seen = new Set<string>();
  const add = (full: string) => {
    if (seen.has(full)) return;
    seen.add(full);
    const rel = path.relative(io.cwd, full);
    out.push({ shown: rel, path: full, file: (rel.startsWith('..') || path.isAbsolute(rel) ? full : rel).split(path.sep).join('/') });
  };
  for (const g of given) {
    const p = filePath(io, g, 'FILE');
    let stat;
    try {
      stat = statSync(p.path);
    } catch (err) {
      throw new CliError(`无法读取“${p.shown}”：${fsReason(err)}`);
    }
    if (!stat.isDirectory()) {
      add(p.path);
      continue;
    }
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.isFile() && FORM_FILE.test(e.name)) add(full);
      }
    };
    walk(p.path);
  }
  return out;
}

/** The worker's compiled file, or under ts-node/jest the TypeScript source run through tsx. */
function spawn(data: CheckWorkerData): Worker {
  const js = path.join(__dirname, 'checkWorker.js');
  try {
    statSync(js);
    return new Worker(js, { workerData: data });
  } catch {
    return new Worker(path.join(__dirname, 'checkWorker.ts'), { workerData: data, execArgv: ['--require', 'tsx/cjs'] });
  }
}

interface Progress {
  step(): void;
  done(): void;
}

/** files done / total, rate and time left, on one line of stderr, only when stderr is a terminal. */
function progressLine(io: CliIo, total: number): Progress {
  const write = io.progress;
  if (!write || total === 0) return { step: () => undefined, done: () => undefined };
  const start = Date.now();
  let done = 0;
  let last = 0;
  return {
    step() {
      done++;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const rate = done / Math.max(0.001, (now - start) / 1000);
      const left = Math.ceil((total - done) / rate);
      write(`\r审核中 ${done}/${total}  ${rate.toFixed(1)} 个/秒  剩余约 ${left} 秒   `);
    },
    done() {
      write('\r\u001b[K');
    },
  };
}

/**
 * Every file reviewed by a pool of worker threads (one per core, at most the number of files), in the order given.
 * A file over its time limit gets its thread killed and replaced; files LibreOffice must convert are converted here.
 */
async function reviewAll(files: Found[], data: CheckWorkerData, timeout: number, env: Record<string, string | undefined>, progress: Progress): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  if (!files.length) return results;
  const size = Math.max(1, Math.min(files.length, os.availableParallelism?.() ?? os.cpus().length));
  let next = 0;
  const unreadable = (k: number, reason: string): FileResult => ({ review: { file: files[k].file, status: 'unreadable', reason, forms: [] }, keys: [] });

  const job = async (k: number): Promise<CheckJob> => {
    const f = files[k];
    const format = conversionOf(f.path);
    if (!format) return { id: k, path: f.path, file: f.file };
    try {
      const converted = await convertWithLibreOffice(f.file, readFileSync(f.path), env);
      return { id: k, path: f.path, file: f.file, converted: { bytes: converted.bytes, format: converted.kind } };
    } catch (err) {
      // the file is named in its row already
      throw new Error((err as Error).message.replace(/^无法读取“[^”]*”：/, ''));
    }
  };

  const lane = async (): Promise<void> => {
    let worker: Worker | null = null;
    const reviewOne = (j: CheckJob) =>
      new Promise<FileResult>((resolve) => {
        worker ??= spawn(data);
        const w = worker;
        const finish = (r: FileResult, dead: boolean) => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
          if (dead) {
            void w.terminate();
            worker = null;
          }
          resolve(r);
        };
        const onMessage = (reply: CheckReply) => reply.id === j.id && finish(reply.result, false);
        const onError = (err: Error) => finish(unreadable(j.id, `审核时出错：${err.message}`), true);
        const timer = setTimeout(() => finish(unreadable(j.id, `读取超时（超过 ${Math.ceil(timeout / 1000)} 秒），已跳过`), true), timeout);
        w.on('message', onMessage);
        w.on('error', onError);
        w.postMessage(j);
      });
    try {
      while (next < files.length) {
        const k = next++;
        let j: CheckJob;
        try {
          j = await job(k);
        } catch (err) {
          results[k] = unreadable(k, (err as Error).message);
          progress.step();
          continue;
        }
        results[k] = await reviewOne(j);
        progress.step();
      }
    } finally {
      if (worker) await (worker as Worker).terminate();
    }
  };
  await Promise.all(Array.from({ length: size }, lane));
  return results;
}

/** The readable report: one line per form (or per file not reviewed), its findings below it, the counts last. */
export function reviewText(batch: BatchReview): string {
  const lines: string[] = [];
  for (const f of batch.files) {
    if (f.status !== 'reviewed') {
      lines.push(`${f.file}：${f.status === 'unreadable' ? '无法读取' : '不是本工具或标准格式的表格'}（${f.reason ?? ''}）`);
      continue;
    }
    for (const form of f.forms) {
      const who = [form.dept ?? '（未填单位）', form.project, form.year === null ? null : `${form.year}年度`].filter(Boolean).join(' ');
      const shown = form.shown.total === null ? '' : `，文件中 ${form.shown.total}${form.shown.grade ? ` ${form.shown.grade}` : ''}`;
      lines.push(`${f.file}：${who}  复核 ${form.total ?? '—'} ${form.grade ?? ''}${shown}  【${VERDICT_TEXT[form.verdict]}】`);
      for (const i of form.issues) lines.push(`  ${i.severity === 'error' ? '错误' : i.severity === 'warning' ? '警告' : '提示'}：${i.message}`);
    }
  }
  const s = batch.summary;
  lines.push('', `共 ${s.files} 个文件、${s.forms} 张表：通过 ${s.pass}，需核实 ${s.verify}，需修改 ${s.fix}；无法读取 ${s.unreadable}，无法识别 ${s.not_ours}`);
  return lines.join('\n') + '\n';
}
