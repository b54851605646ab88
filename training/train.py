"""Train the trace segmenter and export it to ONNX.

    nohup nice -n 15 /usr/bin/python3 training/train.py > training/runs/train.log 2>&1 &

Generates its pages first (into --data, by default training/data/, git-ignored),
then trains on random crops for --steps steps (or until --minutes have passed),
checkpointing every --checkpoint-minutes, and exports the final weights to
--onnx. Seeded: the same command gives the same pages and the same crops.
"""
import argparse
import json
import math
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

import data
from model import SegNet, parameter_count

HERE = Path(__file__).resolve().parent

#: (dpi, variants per record, seed) of the training batches: 3.5 to 4.5 px/mm.
TRAIN_BATCHES = [(90, 8, 101), (100, 10, 102), (115, 8, 103)]
#: Held-out pages (records the training never sees), for validation and the benchmarks.
HELD_OUT_BATCH = (100, 6, 201)
#: Class weights of the cross-entropy: background, grid, text, trace.
CLASS_WEIGHTS = [1.0, 1.0, 2.0, 3.0]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=HERE / "data")
    p.add_argument("--run", type=Path, default=HERE / "runs" / "segnet")
    p.add_argument("--onnx", type=Path, default=HERE.parent / "models" / "trace_segmenter.onnx")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--crop", type=int, default=192)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--minutes", type=float, default=45.0)
    p.add_argument("--checkpoint-minutes", type=float, default=5.0)
    p.add_argument("--threads", type=int, default=1)
    return p.parse_args()


def make_data(root: Path):
    for dpi, count, seed in TRAIN_BATCHES:
        data.generate(root / f"train-{dpi}", held_out=False, count=count, seed=seed, dpi=dpi)
    dpi, count, seed = HELD_OUT_BATCH
    data.generate(root / "heldout", held_out=True, count=count, seed=seed, dpi=dpi)


class Crops:
    """Random crops of the pages, with photometric jitter, from one seeded stream."""

    def __init__(self, pages, crop: int, seed: int):
        self.pages = pages
        self.crop = crop
        self.rng = np.random.RandomState(seed)

    def batch(self, n: int):
        xs, ys = [], []
        c = self.crop
        for _ in range(n):
            _, rgb, cls, _ = self.pages[self.rng.randint(len(self.pages))]
            h, w = cls.shape
            for _attempt in range(4):  # prefer crops that hold some trace
                y0, x0 = self.rng.randint(0, h - c + 1), self.rng.randint(0, w - c + 1)
                lab = cls[y0:y0 + c, x0:x0 + c]
                if (lab == 3).mean() > 0.005:
                    break
            img = rgb[y0:y0 + c, x0:x0 + c].astype(np.float32) / 255.0
            img = self.jitter(img)
            xs.append(img.transpose(2, 0, 1))
            ys.append(lab.astype(np.int64))
        return torch.from_numpy(np.stack(xs)), torch.from_numpy(np.stack(ys))

    def jitter(self, img):
        r = self.rng
        if r.rand() < 0.2:
            img = img[:, :, r.permutation(3)]
        if r.rand() < 0.15:
            img = np.repeat(img.mean(axis=2, keepdims=True), 3, axis=2)
        gain, bias = r.uniform(0.8, 1.15), r.uniform(-0.1, 0.08)
        img = np.clip(img * gain + bias, 0, 1)
        if r.rand() < 0.2:
            img = np.clip(img ** r.uniform(0.6, 1.6), 0, 1)
        return np.ascontiguousarray(img, dtype=np.float32)


def loss_fn(logits, target, weights):
    ce = F.cross_entropy(logits, target, weight=weights)
    p = torch.softmax(logits, 1)[:, 3]
    t = (target == 3).float()
    dice = 1 - (2 * (p * t).sum() + 1) / (p.sum() + t.sum() + 1)
    return ce + dice


def trace_iou(model, pages, crop=384):
    """Trace IoU (p > 0.5) over the centre crop of every given page."""
    model.eval()
    inter = union = 0
    with torch.no_grad():
        for _, rgb, cls, _ in pages:
            h, w = cls.shape
            y0, x0 = (h - crop) // 2, (w - crop) // 2
            x = torch.from_numpy(rgb[y0:y0 + crop, x0:x0 + crop].astype(np.float32) / 255.0)
            logits = model(x.permute(2, 0, 1)[None] - 0.5)
            pred = (torch.softmax(logits, 1)[0, 3] > 0.5).numpy()
            truth = cls[y0:y0 + crop, x0:x0 + crop] == 3
            inter += int((pred & truth).sum())
            union += int((pred | truth).sum())
    model.train()
    return inter / max(1, union)


class Exported(torch.nn.Module):
    """What ships: RGB in [0, 1] (N x 3 x H x W, H and W multiples of 8) to class probabilities."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        return torch.softmax(self.net(image - 0.5), 1)


def export(model, path: Path):
    model.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.onnx")
    torch.onnx.export(
        Exported(model), torch.zeros(1, 3, 64, 64), str(tmp), opset_version=13,
        input_names=["image"], output_names=["probabilities"],
        dynamic_axes={"image": {0: "n", 2: "h", 3: "w"}, "probabilities": {0: "n", 2: "h", 3: "w"}},
    )
    tmp.rename(path)


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    args.run.mkdir(parents=True, exist_ok=True)
    log = lambda msg: print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    t0 = time.time()
    make_data(args.data)
    pages = [p for dpi, _, _ in TRAIN_BATCHES for p in data.load_pages(args.data / f"train-{dpi}")]
    val = data.load_pages(args.data / "heldout")[:24]
    log(f"data: {len(pages)} training pages, {len(val)} validation pages, "
        f"{time.time() - t0:.0f} s")

    model = SegNet()
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    crops = Crops(pages, args.crop, args.seed)
    weights = torch.tensor(CLASS_WEIGHTS)
    start = 0
    ckpt = args.run / "checkpoint.pt"
    if ckpt.exists():
        state = torch.load(ckpt)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        crops.rng.set_state(state["crop_rng"])
        torch.set_rng_state(state["torch_rng"])
        start = state["step"]
        log(f"resumed at step {start}")
    log(f"model: {parameter_count(model)} parameters; {args.steps} steps of {args.batch} "
        f"crops of {args.crop}x{args.crop}")

    def save(step):
        tmp = ckpt.with_suffix(".tmp")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                    "crop_rng": crops.rng.get_state(), "torch_rng": torch.get_rng_state()}, tmp)
        tmp.rename(ckpt)

    t_train = time.time()
    last_ckpt = time.time()
    history = []
    step = start
    running = 0.0
    while step < args.steps:
        lr = args.lr * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = crops.batch(args.batch)
        loss = loss_fn(model(x - 0.5), y, weights)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        running = 0.95 * running + 0.05 * loss.item() if step > start + 1 else loss.item()
        if step % 50 == 0:
            rate = (step - start) * args.batch / (time.time() - t_train)
            log(f"step {step} loss {running:.4f} lr {lr:.5f} {rate:.1f} crops/s")
        out_of_time = (time.time() - t_train) / 60 > args.minutes
        if time.time() - last_ckpt > args.checkpoint_minutes * 60 or step == args.steps \
                or out_of_time:
            save(step)
            iou = trace_iou(model, val)
            history.append({"step": step, "loss": running, "val_trace_iou": iou,
                            "minutes": (time.time() - t_train) / 60})
            log(f"checkpoint at step {step}: held-out trace IoU {iou:.3f}")
            last_ckpt = time.time()
            export(model, args.onnx)
            if out_of_time:
                log("time limit reached")
                break
    summary = {
        "parameters": parameter_count(model), "steps": step, "batch": args.batch,
        "crop": args.crop, "crops_seen": step * args.batch, "seed": args.seed,
        "training_minutes": (time.time() - t_train) / 60,
        "data_minutes": (t_train - t0) / 60, "training_pages": len(pages),
        "history": history, "threads": args.threads,
    }
    (args.run / "summary.json").write_text(json.dumps(summary, indent=2))
    export(model, args.onnx)
    log(f"exported {args.onnx}")


if __name__ == "__main__":
    main()
