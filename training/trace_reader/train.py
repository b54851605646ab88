"""Train the learned trace reader (models/trace_reader.onnx).

A small CNN reads one row band (lib/digitize/reader/band.ts: 2 x 256 x W, trace
ink and darkness, centred on the row's level) and gives, for every band column,
logits over the 256 band rows: where this row's trace is. Trained with a
cross-entropy against a Gaussian target (sigma 1 band px = 0.25 mm) plus an L1
term on the local soft-argmax, so the read-out is sub-pixel. Only the row at the
band's centre is the target: the neighbours' ink in the band is there to be
ignored, and waves that leave the row keep their row.

Data: training/trace_reader/make_data.ts (our own generator, random styles,
preset mix, rectified by our rectifier). One seeded command:

    nohup nice -n 10 /usr/bin/python3 training/trace_reader/train.py > training/runs/trace_reader.log 2>&1 &

Checkpoints every 5 minutes to training/runs/trace_reader/checkpoint.pt (a rerun
resumes), stops after --minutes, exports ONNX and writes the run summary.
"""
import argparse
import json
import math
import os
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

REPO = Path(__file__).resolve().parents[2]
H = 256
SIGMA = 1.0


class Block(nn.Module):
    def __init__(self, c, dil=(1, 1)):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=dil, dilation=dil, bias=False)
        self.bn = nn.BatchNorm2d(c)

    def forward(self, x):
        return F.relu(x + self.bn(self.conv(x)))


def cbr(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class TraceReaderNet(nn.Module):
    """Band (B, 2, 256, W), W a multiple of 8, values 0..255 -> logits (B, 256, W)."""

    def __init__(self, c1=16, c2=32, c3=48):
        super().__init__()
        # A row-position channel: the row to read is the one at the band's centre.
        self.register_buffer("coord", torch.linspace(-1, 1, H).view(1, 1, H, 1))
        self.stem1 = cbr(3, c1, 2)
        self.stem2 = cbr(c1, c2, 2)
        self.mid = nn.Sequential(Block(c2), Block(c2, (1, 2)))
        self.down = cbr(c2, c3, 2)
        self.deep = nn.Sequential(Block(c3, (1, 1)), Block(c3, (2, 2)), Block(c3, (4, 4)),
                                  Block(c3, (8, 2)))
        self.lift = nn.Conv2d(c3, c2, 1)
        self.fuse = Block(c2, (1, 1))
        self.head = nn.Conv2d(c2, 16, 1)
        self.shuffle = nn.PixelShuffle(4)

    def forward(self, band):
        x = band * (1.0 / 255.0)
        coord = self.coord.expand(x.shape[0], 1, H, x.shape[3])
        x = torch.cat([x, coord], 1)
        s = self.stem2(self.stem1(x))
        m = self.mid(s)
        d = self.deep(self.down(m))
        u = F.interpolate(d, scale_factor=2.0, mode="nearest")
        f = self.fuse(m + self.lift(u))
        return self.shuffle(self.head(f))[:, 0]


def load_split(data_dir, split):
    bands = []
    for js in sorted(data_dir.glob(f"{split}-*.json")):
        index = json.loads(js.read_text())
        raw = np.fromfile(js.with_suffix(".bin"), dtype=np.uint8)
        for e in index:
            w, o = e["width"], e["offset"]
            band = raw[o:o + 2 * H * w].reshape(2, H, w)
            t = raw[o + 2 * H * w:o + 2 * H * w + 4 * w].copy().view(np.float32)
            bands.append((band, t, e))
    return bands


def batch(bands, rng, size, width, augment=True):
    xs = np.zeros((size, 2, H, width), np.float32)
    ts = np.full((size, width), np.nan, np.float32)
    for b in range(size):
        band, t, _ = bands[rng.integers(len(bands))]
        w = band.shape[2]
        for _try in range(10):
            x0 = rng.integers(-width // 8, max(1, w - width + width // 8))
            a, z = max(0, x0), min(w, x0 + width)
            if np.isfinite(t[a:z]).mean() > 0.3 or _try == 9:
                break
        xs[b, :, :, a - x0:z - x0] = band[:, :, a:z]
        ts[b, a - x0:z - x0] = t[a:z]
        if augment:
            if rng.random() < 0.5:  # mirror in time
                xs[b] = xs[b, :, :, ::-1]
                ts[b] = ts[b, ::-1]
            if rng.random() < 0.15:  # no usable ink map: darkness only
                xs[b, 0] = 0
            if rng.random() < 0.3:  # contrast
                xs[b] = np.clip(xs[b] * rng.uniform(0.6, 1.4), 0, 255)
            if rng.random() < 0.2:
                xs[b] = np.clip(xs[b] + rng.normal(0, rng.uniform(2, 12), xs[b].shape), 0, 255)
    return torch.from_numpy(xs), torch.from_numpy(ts)


def losses(logits, target):
    valid = torch.isfinite(target)
    t = torch.where(valid, target, torch.zeros_like(target))
    rows = torch.arange(H, dtype=torch.float32).view(1, H, 1)
    logp = F.log_softmax(logits, 1)
    g = torch.exp(-0.5 * ((rows - t.unsqueeze(1)) / SIGMA) ** 2)
    g = g / g.sum(1, keepdim=True)
    ce = -(g * logp).sum(1)
    # Local soft-argmax around the target (what the reader does around its argmax).
    near = (rows - t.unsqueeze(1)).abs() <= 6
    p = torch.softmax(logits.masked_fill(~near, -1e4), 1)
    y = (p * rows).sum(1)
    l1 = (y - t).abs()
    n = valid.sum().clamp(min=1)
    return (ce * valid).sum() / n, (l1 * valid).sum() / n


def decode(logits):
    """Argmax, then soft-argmax over +-4 rows around it (as lib/digitize/reader/learned.ts)."""
    idx = logits.argmax(1, keepdim=True)
    rows = torch.arange(H, dtype=torch.float32).view(1, H, 1)
    near = (rows - idx.float()).abs() <= 4
    p = torch.softmax(logits.masked_fill(~near, -1e4), 1)
    return (p * rows).sum(1)


def evaluate(model, bands, width=512, n=48, seed=7):
    model.eval()
    rng = np.random.default_rng(seed)
    errs = []
    with torch.no_grad():
        for _ in range(n // 8):
            x, t = batch(bands, rng, 8, width, augment=False)
            y = decode(model(x))
            v = torch.isfinite(t)
            errs.append((y - t)[v].abs().numpy())
    model.train()
    e = np.concatenate(errs)
    return {"mae_px": float(e.mean()), "rms_px": float(np.sqrt((e ** 2).mean())),
            "within_1px": float((e <= 1).mean()), "over_8px": float((e > 8).mean())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(REPO / "training/data/trace_reader"))
    ap.add_argument("--run", default=str(REPO / "training/runs/trace_reader"))
    ap.add_argument("--onnx", default=str(REPO / "models/trace_reader.onnx"))
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--batch", type=int, default=12)
    ap.add_argument("--width", type=int, default=384)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--minutes", type=float, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run = Path(args.run)
    run.mkdir(parents=True, exist_ok=True)
    data = Path(args.data)
    train = load_split(data, "train")
    val = load_split(data, "val")
    print(f"{len(train)} train bands, {len(val)} val bands", flush=True)
    model = TraceReaderNet()
    print(f"{sum(p.numel() for p in model.parameters())} parameters", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    step, elapsed = 0, 0.0
    ck = run / "checkpoint.pt"
    if ck.exists():
        state = torch.load(ck)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        step, elapsed = state["step"], state["elapsed"]
        print(f"resumed at step {step}", flush=True)
    rng = np.random.default_rng(args.seed * 1000 + step)
    t0 = time.time() - elapsed
    last_ck = time.time()
    history = []
    while step < args.steps and (time.time() - t0) < args.minutes * 60:
        # Cosine decay over whichever ends first, the steps or the minutes.
        frac = max(step / args.steps, (time.time() - t0) / (args.minutes * 60))
        lr = args.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, frac)))
        for g in opt.param_groups:
            g["lr"] = lr
        x, t = batch(train, rng, args.batch, args.width)
        ce, l1 = losses(model(x), t)
        loss = ce + 0.1 * l1
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 50 == 0:
            print(f"step {step} ce {ce.item():.3f} l1 {l1.item():.3f} lr {lr:.2e} "
                  f"{time.time() - t0:.0f} s", flush=True)
        if step % 400 == 0 and val:
            m = evaluate(model, val)
            history.append({"step": step, **m})
            print(f"val {json.dumps(m)}", flush=True)
        if time.time() - last_ck > 300:
            torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                        "elapsed": time.time() - t0}, ck)
            last_ck = time.time()
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                "elapsed": time.time() - t0}, ck)
    final = evaluate(model, val, n=96) if val else {}
    print(f"final val {json.dumps(final)}", flush=True)
    from export import export
    export(model, args.onnx)
    summary = {"steps": step, "minutes": (time.time() - t0) / 60, "batch": args.batch,
               "width": args.width, "train_bands": len(train), "val_bands": len(val),
               "val": final, "history": history, "seed": args.seed,
               "parameters": sum(p.numel() for p in model.parameters()),
               "onnx_bytes": os.path.getsize(args.onnx)}
    (REPO / "training/trace_reader/last_run_summary.json").write_text(json.dumps(summary, indent=1))
    print("exported", args.onnx, flush=True)


if __name__ == "__main__":
    main()
