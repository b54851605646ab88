/** Run a CLI's `main` in this process and capture what it prints (shared by the CLI tests). */

/** What a CLI run returned and printed. */
export interface Captured {
  code: number;
  out: string;
  err: string;
}

/** Call `main(args)` with `console.log` and `console.error` captured. */
export async function capture(
  main: (args: string[]) => Promise<number>,
  args: string[],
): Promise<Captured> {
  const out: string[] = [], err: string[] = [];
  const log = console.log, error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    return { code: await main(args), out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}
