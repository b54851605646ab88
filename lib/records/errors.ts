/** An input file that cannot be read as a record: names the file and the fault. */
export class RecordError extends Error {
  /** The file at fault (path as given), or `""` when unknown. */
  readonly file: string;

  /**
   * Build an error whose message reads `Cannot read record "<file>": <reason>`.
   *
   * @example
   * ```ts
   * import { RecordError } from "./errors.ts";
   * const e = new RecordError("a.hea", "missing signal file a.dat");
   * console.assert(e.message === 'Cannot read record "a.hea": missing signal file a.dat');
   * ```
   */
  constructor(file: string, reason: string, options?: ErrorOptions) {
    super(
      file ? `Cannot read record "${file}": ${reason}` : `Cannot read record: ${reason}`,
      options,
    );
    this.name = "RecordError";
    this.file = file;
  }
}
