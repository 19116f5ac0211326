import { tooSlow } from './errors';

/**
 * What the package layer will read of one file. A hostile or broken file meets one of these and is answered
 * with one line (PackageError) instead of exhausting memory or time: the file and each part are read only
 * as far as these allow, and only the parts and cells that are asked for.
 */
export interface PackageLimits {
  /** the file itself (compressed) */
  maxFileBytes: number;
  /** entries in the zip's central directory */
  maxEntries: number;
  /** the uncompressed size of any one part that is read (a worksheet, the shared strings) */
  maxPartBytes: number;
  /** the uncompressed size of all parts read from one file together */
  maxTotalBytes: number;
  /** uncompressed / compressed size beyond which a part counts as a zip bomb … */
  maxRatio: number;
  /** … once it is larger than this (small parts of repeated XML compress very well) */
  ratioGraceBytes: number;
  /** characters of one cell's text (Excel's own limit is 32,767) */
  maxTextChars: number;
  /** cells of one named range handed out as a 2-D array */
  maxAreaCells: number;
  /** wall-clock time for one open, read or write-back */
  timeBudgetMs: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<PackageLimits> = Object.freeze({
  maxFileBytes: 200 * MB,
  maxEntries: 10_000,
  maxPartBytes: 64 * MB,
  maxTotalBytes: 160 * MB,
  maxRatio: 250,
  ratioGraceBytes: 1 * MB,
  maxTextChars: 32_767,
  maxAreaCells: 100_000,
  timeBudgetMs: 20_000,
});

export function limitsOf(given?: Partial<PackageLimits>): PackageLimits {
  return { ...DEFAULT_LIMITS, ...given };
}

/** A deadline checked in every loop that depends on the file's size. */
export class Budget {
  private deadline = 0;

  constructor(
    private readonly ms: number,
    private readonly now: () => number = Date.now,
  ) {
    this.renew();
  }

  /** The whole budget again, for the next operation on the same file. */
  renew(): void {
    this.deadline = this.now() + this.ms;
  }

  check(): void {
    if (this.now() > this.deadline) throw tooSlow(this.ms);
  }
}
