#!/usr/bin/env bash
# The warm dashboard's first frame, N times: the dashboard started in tmux at 200×60 with
# LIAISON_TIMINGS=1, its phases read from the log once the first frame is drawn, then `q`.
# Prints per run: corpus listed, files checked, dataset read, columns ready, first frame
# drawn (seconds since the process started), then the peak resident memory.
#
#   bench/first_frame.sh BIN CORPUS CACHE [N]     (N defaults to 3; needs tmux and GNU time)
#
# Run two binaries alternately (each with its own cache of the same corpus) to compare them
# on this machine, whose speed drifts from minute to minute.
set -euo pipefail
bin=$1 corpus=$2 cache=$3 n=${4:-3}
log=$(mktemp)
trap 'rm -f "$log" "$log.time"; tmux kill-session -t liaison-ff 2>/dev/null || true' EXIT
mkdir -p "$cache/no-config"
source "$(dirname "$0")/dashboard.sh"
for _ in $(seq 1 "$n"); do
  dashboard_run liaison-ff "$log" "first frame drawn" "$bin" "$corpus" "$cache"
  grep -E "corpus listed|files checked|dataset read|index built|columns ready|first frame drawn" "$log" |
    sed -E 's/.*timing (.*) ([0-9.]+) s .*/\2/' | tr '\n' ' '
  grep -o 'peak [0-9]* MB' "$log" | tail -1
done
