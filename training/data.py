"""Make and load training pages for the trace segmenter.

Pages come from the toolkit's own generator (`deno task generate --style random
--preset mix --masks`), so every label is exact. The 9 mask channels become one
class per pixel: 0 background, 1 grid, 2 other printed ink (text, labels,
separators, frames), 3 trace (signal rows and rhythm strips, calibration pulses
included). Trace wins over text, text over grid.
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
RECORDS = REPO / "fixtures" / "records"
#: Records never used in training: their pages measure held-out IoU.
HELD_OUT = {"E07518", "E07519", "JS20009", "muse-af"}
CLASSES = ["background", "grid", "text", "trace"]


def record_files(held_out: bool) -> list:
    """The .hea files of the training (or held-out) records, with their data files."""
    out = []
    for hea in sorted(RECORDS.rglob("*.hea")):
        name = hea.stem if hea.parent == RECORDS else f"{hea.parent.name}-{hea.stem}"
        if (hea.stem in HELD_OUT or name in HELD_OUT) == held_out:
            out.append(hea)
    return out


def generate(out_dir: Path, held_out: bool, count: int, seed: int, dpi: int,
             extra: tuple = ()) -> None:
    """Run the generator on the chosen records into `out_dir` (skipped when it is complete)."""
    done = out_dir / ".complete"
    if done.exists():
        return
    if out_dir.exists():
        shutil.rmtree(out_dir)
    src = out_dir.parent / (out_dir.name + ".records")
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    for hea in record_files(held_out):
        # Each record in its own folder, with its data files, under a unique name.
        target = src / hea.relative_to(RECORDS).parent
        target.mkdir(parents=True, exist_ok=True)
        for f in hea.parent.glob(hea.stem + ".*"):
            shutil.copy(f, target / f.name)
    cmd = ["deno", "task", "generate", "--input", str(src), "--out", str(out_dir),
           "--style", "random", "--preset", "mix", "--masks", "--count", str(count),
           "--seed", str(seed), "--dpi", str(dpi), "--quiet", *extra]
    workers = os.environ.get("SEG_WORKERS")
    if workers:
        cmd += ["--workers", workers]
    subprocess.run(cmd, cwd=REPO, check=True)
    done.write_text("ok\n")


def class_map(stem: Path) -> np.ndarray:
    """The class of every pixel of a generated page, from its 9 mask PNGs."""
    def m(c):
        return np.asarray(Image.open(f"{stem}.mask-{c}.png").convert("L")) > 127
    grid = m(0) | m(1) | m(2)
    text = m(7) | m(8)
    trace = m(3) | m(4) | m(5) | m(6)
    out = np.zeros(grid.shape, np.uint8)
    out[grid] = 1
    out[text] = 2
    out[trace] = 3
    return out


def load_pages(folder: Path) -> list:
    """Every page of a generated folder: (stem, RGB uint8 HxWx3, classes uint8 HxW, truth JSON)."""
    pages = []
    for js in sorted(folder.glob("*.json")):
        if js.name.endswith(".masks.json"):
            continue
        stem = js.with_suffix("")
        img_path = next((p for p in (stem.with_suffix(".png"), stem.with_suffix(".jpg"))
                         if p.exists()), None)
        if img_path is None:
            continue
        rgb = np.asarray(Image.open(img_path).convert("RGB"))
        pages.append((stem.name, rgb, class_map(stem), json.loads(js.read_text())))
    return pages
