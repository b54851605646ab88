/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every
 * few seconds otherwise (CI logs), silent with `quiet`.
 *
 * @module
 */

import { escapeTerminal } from "./_cli.ts";

const encoder = new TextEncoder();

/** Progress reporting for a batch of `total` items. */
export class Progress {
  readonly #label: string;
  readonly #quiet: boolean;
  readonly #tty: boolean;
  readonly #started = performance.now();
  #lastDraw = 0;
  #total: number;
  #done = 0;
  #failed = 0;
  #unit: string;
  #detail = "";

  constructor(label: string, total: number, options: { quiet?: boolean; unit?: string } = {}) {
    this.#label = label;
    this.#total = total;
    this.#quiet = options.quiet ?? false;
    this.#unit = options.unit ?? "items";
    this.#tty = Deno.stderr.isTerminal();
  }

  /** Seconds since the batch started. */
  get elapsedS(): number {
    return (performance.now() - this.#started) / 1000;
  }

  /** Grow the expected total (when work is discovered on the way). */
  set total(n: number) {
    this.#total = n;
  }

  /** Count finished items (and failed ones) and redraw if due. */
  tick(done = 1, failed = 0): void {
    this.#done += done;
    this.#failed += failed;
    this.#draw(false);
  }

  /** Extra text after the counts, e.g. `12/34 records`. */
  set detail(text: string) {
    this.#detail = text;
  }

  /**
   * Print a message above the bar (the bar is redrawn below it on a
   * terminal), control characters escaped.
   */
  log(message: string): void {
    const redraw = this.#tty && !this.#quiet;
    if (redraw) Deno.stderr.writeSync(encoder.encode("\r\x1b[K"));
    console.error(escapeTerminal(message));
    if (redraw) this.#draw(true);
  }

  /** Draw the final state once and end the line. */
  finish(): void {
    this.#draw(true);
    if (this.#tty && !this.#quiet) Deno.stderr.writeSync(encoder.encode("\n"));
  }

  #draw(force: boolean): void {
    if (this.#quiet) return;
    const now = performance.now();
    const interval = this.#tty ? 100 : 5000;
    if (!force && now - this.#lastDraw < interval) return;
    this.#lastDraw = now;
    const elapsed = this.elapsedS;
    const rate = this.#done / Math.max(elapsed, 1e-9);
    const fraction = this.#total > 0 ? Math.min(1, this.#done / this.#total) : 0;
    const width = 28, filled = Math.round(fraction * width);
    const eta = rate > 0 && this.#total > this.#done
      ? ` ETA ${formatSeconds((this.#total - this.#done) / rate)}`
      : "";
    const failed = this.#failed > 0 ? `, ${this.#failed} failed` : "";
    const text = `${this.#label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ` +
      `${this.#done}/${this.#total} ${this.#unit}${failed}${
        this.#detail ? ` (${this.#detail})` : ""
      } ` +
      `${rate.toFixed(1)}/s${eta}`;
    if (this.#tty) Deno.stderr.writeSync(encoder.encode("\r\x1b[K" + text));
    else console.error(text);
  }
}

/** `75` → `1m15s`, `8.2` → `8s`. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${Math.round(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
}
