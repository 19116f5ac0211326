/** A hand-made file that cannot be imported (nothing in it placed, or more than one workbook can hold): one Chinese line. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}
