#!/bin/sh
# Train the learned trace reader from scratch, seeded, in one command (about 1 h 50 min on 2 cores):
#   nohup sh training/trace_reader/run.sh > training/runs/trace_reader.log 2>&1 &
# 1. bands from our own generator (training/data/trace_reader, git-ignored, ~4 GB; kept if complete),
# 2. training with checkpoints (training/runs/trace_reader; a rerun resumes): 4000 steps with a
#    cosine decay (46 min here), then resumed with a warm restart of the same cosine over 14000 steps
#    or 95 minutes in all, whichever ends first (9,988 steps here: the count depends on the machine),
# 3. models/trace_reader.onnx and training/trace_reader/last_run_summary.json.
set -e
cd "$(dirname "$0")/../.."
OUT=training/data/trace_reader
PAGES=${PAGES:-600}
VAL_PAGES=${VAL_PAGES:-48}
for split in train val; do
  n=$PAGES
  [ "$split" = val ] && n=$VAL_PAGES
  if [ ! -f "$OUT/$split-0.json" ] || [ ! -f "$OUT/$split-1.json" ]; then
    deno run -A training/trace_reader/make_data.ts --out "$OUT" --split "$split" --pages "$n" --seed 1 --shard 0/2 &
    deno run -A training/trace_reader/make_data.ts --out "$OUT" --split "$split" --pages "$n" --seed 1 --shard 1/2 &
    wait
  fi
done
/usr/bin/python3 training/trace_reader/train.py --steps 4000 --minutes 50 "$@"
/usr/bin/python3 training/trace_reader/train.py --steps 14000 --minutes 95 "$@"
