#!/usr/bin/env bash
# The dashboard restarted after one article is added, N times: each run writes a copy of the
# corpus's first article with a new title into CORPUS/zz-added/, starts the dashboard in tmux
# at 200×60 with LIAISON_TIMINGS=1, and reads from its log the seconds since the process
# started to the first frame (drawn from the dataset the cache held before the article was
# added, "updating…" in the header) and to the frame with the article in it ("dashboard:
# updated"), with when it takes keys between the two ("dashboard: dataset complete"), then the
# peak resident memory; then `q`. The folder zz-added is removed at the
# end, so the next start rebuilds without it.
#
#   bench/added_frame.sh BIN CORPUS CACHE [N]     (N defaults to 3; CACHE must be warm; needs tmux and GNU time)
set -euo pipefail
bin=$1 corpus=$2 cache=$3 n=${4:-3}
log=$(mktemp)
trap 'rm -f "$log" "$log.time"; rm -rf "$corpus/zz-added"; tmux kill-session -t liaison-af 2>/dev/null || true' EXIT
mkdir -p "$cache/no-config" "$corpus/zz-added"
first=$(find "$corpus" -name '*.txt' -not -path '*/zz-added/*' | sort | sed -n 1p)
source "$(dirname "$0")/dashboard.sh"
for i in $(seq 1 "$n"); do
  sed "s/^title: /title: Added $i $RANDOM: /" "$first" >"$corpus/zz-added/zz-added-article.txt"
  dashboard_run liaison-af "$log" "dashboard: updated" "$bin" "$corpus" "$cache"
  grep -E "first frame drawn|dashboard: dataset complete|dashboard: updated" "$log" |
    sed -E 's/.*timing (.*) ([0-9.]+) s .*/\1 \2 s/' | tr '\n' ' '
  grep -o 'peak [0-9]* MB' "$log" | tail -1
done
