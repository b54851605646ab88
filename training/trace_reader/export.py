"""Export a trace-reader checkpoint to ONNX (what train.py does at its end):

    /usr/bin/python3 training/trace_reader/export.py [--checkpoint ...] [--onnx ...]
"""
import argparse
import os
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train import H, REPO, TraceReaderNet  # noqa: E402


def export(model, path):
    model.eval()
    tmp = str(path) + ".tmp"
    torch.onnx.export(model, torch.zeros(1, 2, H, 64), tmp, input_names=["band"],
                      output_names=["logits"],
                      dynamic_axes={"band": {0: "batch", 3: "width"},
                                    "logits": {0: "batch", 2: "width"}},
                      opset_version=13)
    os.replace(tmp, path)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", default=str(REPO / "training/runs/trace_reader/checkpoint.pt"))
    ap.add_argument("--onnx", default=str(REPO / "models/trace_reader.onnx"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    model = TraceReaderNet()
    model.load_state_dict(torch.load(args.checkpoint)["model"])
    export(model, args.onnx)
    print("exported", args.onnx)
