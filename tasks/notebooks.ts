/**
 * `deno task notebooks`: install the Deno Jupyter kernel (`deno jupyter
 * --install --force`) and open `notebooks/` in JupyterLab, or in the
 * classic notebook server when Lab is not installed; say what to install
 * when neither is. Extra arguments go to Jupyter (`--no-browser`,
 * `--port 8890`).
 *
 * @module
 */
import { fileURLToPath } from "node:url";

const DIR = fileURLToPath(new URL("../notebooks/", import.meta.url));

const MISSING =
  `Cannot open the notebooks: neither JupyterLab nor the Jupyter notebook server is installed.
Install one, then rerun \`deno task notebooks\`:
  apt-get install jupyter-notebook python3-ipykernel jupyter-client   (Debian, Ubuntu)
  pip install jupyterlab                                             (anywhere with Python)
To run them headless instead (as the test suite does):
  apt-get install jupyter-nbconvert python3-ipykernel jupyter-client
  jupyter nbconvert --to notebook --execute --output-dir /tmp/notebooks notebooks/*.ipynb`;

/** Whether `jupyter <sub> --version` runs. */
async function has(sub: string): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("jupyter", {
      args: [sub, "--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false; // no jupyter at all
  }
}

/** Run the task; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  // --force: a kernelspec left by another Deno install is pointed at this one.
  const install = await new Deno.Command(Deno.execPath(), {
    args: ["jupyter", "--install", "--force"],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!install.success) {
    const why = new TextDecoder().decode(install.stderr).trim();
    console.error(`Cannot install the Deno kernel (deno jupyter --install --force):\n${why}`);
    return 1;
  }
  const server = (await has("lab")) ? "lab" : (await has("notebook")) ? "notebook" : null;
  if (server === null) {
    console.error(`Deno kernel installed. ${MISSING}`);
    return 1;
  }
  console.error(`Deno kernel installed; starting jupyter ${server} in ${DIR}`);
  const child = new Deno.Command("jupyter", { args: [server, ...args, DIR] }).spawn();
  return (await child.status).code;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
