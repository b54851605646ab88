/**
 * The notebooks in `notebooks/` run headless (`jupyter nbconvert --execute`
 * with the Deno kernel) without a cell error and show the figures they
 * promise. Skipped, with a message, where Jupyter or the Deno kernel is
 * not installed.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PRESETS, SHOWCASE_STYLES } from "../../mod.ts";

const DIR = fileURLToPath(new URL("../../notebooks/", import.meta.url));
/** Seconds one cell may take, and one whole notebook. */
const CELL_TIMEOUT_S = 240;
const NOTEBOOK_TIMEOUT_S = 600;

/** Minimum outputs per tagged cell: `figures` counts PNG, JPEG and SVG outputs. */
interface Expectation {
  readonly figures?: number;
  readonly markdown?: number;
}

const EXPECTED: Readonly<Record<string, Readonly<Record<string, Expectation>>>> = {
  "01_generate.ipynb": {
    "fig:presets": { figures: Object.keys(PRESETS).length },
    "fig:styles": { figures: SHOWCASE_STYLES.length },
    "fig:sheet": { figures: 1 },
    "fig:overlay": { figures: 4, markdown: 1 },
  },
  "02_digitize_stages.ipynb": {
    "values:stage1": { markdown: 1 },
    "fig:stage01": { figures: 6 },
    "values:stage2": { markdown: 1 },
    "fig:stage2": { figures: 2 },
    "fig:real": { figures: 2 },
  },
  "03_evaluate.ipynb": {
    "values:batch": { markdown: 1 },
    "values:summary": { markdown: 2 },
    "fig:leads": { figures: 2 },
    "fig:worst": { figures: 2 },
    "fig:robustness": { figures: 2 },
    "values:files": { markdown: 1 },
  },
};

/** Largest inline image we accept, bytes of base64 (the notebooks show thumbnails). */
const MAX_IMAGE_CHARS = 400_000;

interface Output {
  output_type: string;
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  metadata: { tags?: string[] };
  source: string | string[];
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string } };
}

const text = (v: string | string[]) => (Array.isArray(v) ? v.join("") : v);

async function run(cmd: string, args: string[]): Promise<{ ok: boolean; stdout: string }> {
  try {
    const { success, stdout } = await new Deno.Command(cmd, {
      args,
      stdout: "piped",
      stderr: "null",
    }).output();
    return { ok: success, stdout: new TextDecoder().decode(stdout) };
  } catch {
    return { ok: false, stdout: "" }; // not installed
  }
}

/** Why the notebooks cannot run here, or null when they can. */
async function missing(): Promise<string | null> {
  if (!(await run("jupyter", ["nbconvert", "--version"])).ok) {
    return "jupyter nbconvert is not installed " +
      "(apt-get install jupyter-nbconvert python3-ipykernel jupyter-client)";
  }
  const specs = await run("jupyter", ["kernelspec", "list", "--json"]);
  let names: string[] = [];
  try {
    names = Object.keys(JSON.parse(specs.stdout).kernelspecs ?? {});
  } catch {
    // no kernel list: treated as no Deno kernel
  }
  if (!names.includes("deno")) {
    return "the Deno Jupyter kernel is not installed (deno jupyter --install)";
  }
  return null;
}

const reason = await missing();
if (reason) console.warn(`notebook tests skipped: ${reason}`);

const notebooks = [...Deno.readDirSync(DIR)].map((e) => e.name).filter((n) => n.endsWith(".ipynb"))
  .sort();

Deno.test("notebooks/ holds the three notebooks, stored without outputs", () => {
  if (notebooks.join() !== Object.keys(EXPECTED).join()) {
    throw new Error(`notebooks/ has ${notebooks.join(", ")}; expected ${Object.keys(EXPECTED)}`);
  }
  for (const name of notebooks) {
    const nb: Notebook = JSON.parse(Deno.readTextFileSync(join(DIR, name)));
    if (nb.metadata.kernelspec?.name !== "deno") throw new Error(`${name}: kernel is not deno`);
    const withOutputs = nb.cells.filter((c) => (c.outputs ?? []).length > 0).length;
    if (withOutputs > 0) throw new Error(`${name}: ${withOutputs} cells stored with outputs`);
  }
});

Deno.test("notebooks import only from the public API, ../mod.ts", () => {
  for (const name of notebooks) {
    const nb: Notebook = JSON.parse(Deno.readTextFileSync(join(DIR, name)));
    for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
      for (const m of text(cell.source).matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        if (m[1] !== "../mod.ts") throw new Error(`${name} imports "${m[1]}"`);
      }
    }
  }
});

for (const name of Object.keys(EXPECTED)) {
  Deno.test({
    name: `${name} runs headless without a cell error and shows its figures`,
    ignore: reason !== null,
    async fn() {
      const before = [...Deno.readDirSync(DIR)].map((e) => e.name).sort().join();
      const tmp = await Deno.makeTempDir({ prefix: "ecg-notebooks-test-" });
      try {
        const started = performance.now();
        const child = await new Deno.Command("jupyter", {
          args: [
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            `--ExecutePreprocessor.timeout=${CELL_TIMEOUT_S}`,
            "--output-dir",
            tmp,
            join(DIR, name),
          ],
          cwd: DIR,
          env: { TMPDIR: tmp, NO_COLOR: "1" },
          stdout: "piped",
          stderr: "piped",
          signal: AbortSignal.timeout(NOTEBOOK_TIMEOUT_S * 1000),
        }).output();
        const seconds = (performance.now() - started) / 1000;
        const log = new TextDecoder().decode(child.stderr);
        if (!child.success) {
          throw new Error(`${name} failed to run (exit ${child.code}):\n${log.slice(-4000)}`);
        }
        console.log(`${name}: ${seconds.toFixed(1)} s`);
        const nb: Notebook = JSON.parse(await Deno.readTextFile(join(tmp, name)));
        checkOutputs(name, nb);
        const after = [...Deno.readDirSync(DIR)].map((e) => e.name).sort().join();
        if (after !== before) throw new Error(`running ${name} wrote into notebooks/: ${after}`);
      } finally {
        await Deno.remove(tmp, { recursive: true });
      }
    },
  });
}

function checkOutputs(name: string, nb: Notebook): void {
  const problems: string[] = [];
  for (const [k, cell] of nb.cells.entries()) {
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "error") problems.push(`cell ${k}: ${o.ename}: ${o.evalue}`);
      for (const mime of ["image/png", "image/jpeg"]) {
        const data = o.data?.[mime];
        if (data !== undefined && text(data).length > MAX_IMAGE_CHARS) {
          problems.push(`cell ${k}: a ${mime} output of ${text(data).length} chars`);
        }
      }
    }
  }
  for (const [tag, expected] of Object.entries(EXPECTED[name]!)) {
    const cell = nb.cells.find((c) => c.metadata.tags?.includes(tag));
    if (!cell) {
      problems.push(`no cell tagged ${tag}`);
      continue;
    }
    const count = (mimes: string[]) =>
      (cell.outputs ?? []).filter((o) => mimes.some((m) => o.data?.[m] !== undefined)).length;
    const figures = count(["image/png", "image/jpeg", "image/svg+xml"]);
    const markdown = count(["text/markdown", "text/html"]);
    if (figures < (expected.figures ?? 0)) {
      problems.push(`${tag}: ${figures} figures, expected ${expected.figures}`);
    }
    if (markdown < (expected.markdown ?? 0)) {
      problems.push(`${tag}: ${markdown} tables, expected ${expected.markdown}`);
    }
  }
  if (problems.length > 0) throw new Error(`${name}:\n  ${problems.join("\n  ")}`);
}
