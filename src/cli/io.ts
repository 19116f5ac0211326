/** Where a command writes and which directory its relative paths start from; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** environment variables (JIXIAO_SOFFICE, PATH); process.env when absent */
  env?: Record<string, string | undefined>;
  /**
   * stderr when it is a terminal, written raw (a progress line rewrites itself with \r); absent otherwise, and then
   * long commands stay quiet
   */
  progress?(text: string): void;
}

/**
 * The call is wrong or an input file cannot be used: exit status 2, nothing written, and this message
 * (one line, in Chinese) on stderr.
 */
export class CliError extends Error {}

/** 无法读取“x.xlsx”：不是有效的 .xlsx 文件 */
export function cannotRead(file: string, why: string): CliError {
  return new CliError(`无法读取“${file}”：${why}`);
}

/** Why a file cannot be read or written, from a Node error code, in words an officer understands. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return '文件或目录不存在';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'ENOTDIR':
      return '路径中有一段不是文件夹';
    case 'EACCES':
    case 'EPERM':
      return '没有访问权限';
    case 'EBUSY':
      return '文件被占用（可能正在 Excel 或 WPS 中打开），请先关闭';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EROFS':
      return '磁盘是只读的';
    case 'ENAMETOOLONG':
      // Linux and macOS allow 255 bytes per name: about 80 Chinese characters
      return '文件名过长（一个文件名最多 255 字节，约 80 个汉字），请用较短的文件名';
    case 'ELOOP':
      return '符号链接指向自身，形成了循环';
    case 'EINVAL':
      return '文件名或路径不合法';
    case 'EMFILE':
    case 'ENFILE':
      return '同时打开的文件过多，请稍后再试';
    case 'EFBIG':
    case 'EDQUOT':
      return '超出磁盘配额或文件大小限制';
    case 'EEXIST':
      return '文件已存在';
    case 'EIO':
      return '读写磁盘出错';
    default:
      // an error of ours is already worded; the system's own text would be English
      return code ? `系统错误 ${code}` : ((err as Error)?.message ?? String(err));
  }
}
