/**
 * A pool of module workers that run jobs from a queue, kept alive between
 * batches of jobs (so a plan pass and a make pass share one start-up). A
 * job is finished when its worker posts a report that `isDone` accepts; a
 * worker that crashes is replaced and its job reported through `onCrash`.
 *
 * @module
 */
import { capMallocArenas } from "./_malloc.ts";

/** A fixed set of workers running queued jobs. */
export class WorkerPool<Job, Report> {
  readonly #url: URL;
  readonly #isDone: (report: Report) => boolean;
  readonly #workers: (Worker | null)[];

  constructor(url: URL, size: number, isDone: (report: Report) => boolean) {
    // Before any thread starts: threads get their malloc arenas when they first allocate.
    capMallocArenas();
    this.#url = url;
    this.#isDone = isDone;
    this.#workers = Array.from({ length: Math.max(1, size) }, () => null);
  }

  /**
   * Run every job; `onReport` sees each report, `onCrash` each job whose
   * worker died. Resolves when every job is done.
   */
  async run(
    jobs: readonly Job[],
    onReport: (report: Report, job: Job) => void,
    onCrash: (job: Job, message: string) => void,
  ): Promise<void> {
    const queue = [...jobs];
    let crashes = 0;
    const lane = async (slot: number): Promise<void> => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
        const worker = this.#workers[slot] ??= new Worker(this.#url, { type: "module" });
        const crashed = await new Promise<string | null>((settle) => {
          worker.onmessage = (event: MessageEvent<Report>) => {
            onReport(event.data, job!);
            if (this.#isDone(event.data)) settle(null);
          };
          worker.onerror = (event) => {
            event.preventDefault();
            settle(event.message || "worker crashed");
          };
          worker.postMessage(job);
        });
        if (crashed !== null) {
          worker.terminate();
          this.#workers[slot] = null;
          onCrash(job, `worker crashed: ${crashed}`);
          if (++crashes > 3 * this.#workers.length) {
            for (const left of queue.splice(0)) onCrash(left, "not run: workers keep crashing");
          }
        }
      }
    };
    const lanes = Math.min(this.#workers.length, queue.length);
    await Promise.all(Array.from({ length: lanes }, (_, slot) => lane(slot)));
  }

  /** Stop every worker. */
  close(): void {
    for (const w of this.#workers) w?.terminate();
    this.#workers.fill(null);
  }
}
