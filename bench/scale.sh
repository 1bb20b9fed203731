#!/usr/bin/env bash
# The scale benchmark: generated corpora of N articles, and for each the figures of
# BENCHMARKS.md — cold extraction, warm start, the dashboard's first frame, `who` against
# `grep -ril`, one article added (`countries`, then the dashboard), peak memory, accuracy.
#
#   bench/scale.sh [N ...]          default: 1000 10000 100000
#
# Needs tmux (the dashboard needs a terminal) and GNU time (/usr/bin/time). Corpora and
# caches go to ${SCALE_DIR:-/tmp/liaison-scale}; a corpus already there is reused.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000)
work=${SCALE_DIR:-/tmp/liaison-scale}
mkdir -p "$work"

cargo build --release --quiet --bin liaison --example gen_corpus
bin=$PWD/target/release/liaison
gen=$PWD/target/release/examples/gen_corpus
export LIAISON_CONFIG_DIR="$work/no-config" NO_COLOR=1
unset LIAISON_DATA

# seconds and peak KB of one command: "S KB"
measure() {
  local t0=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$work/time.out" "$@" >/dev/null 2>"$work/stderr.out" || {
    cat "$work/stderr.out" >&2
    return 1
  }
  local t1=$EPOCHREALTIME
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b-a}') $(cat "$work/time.out")"
}

# median of the first field of lines on stdin
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

source bench/dashboard.sh

# The dashboard started in tmux until the phase $3 (default: the first complete frame) is
# reached: the seconds to the first frame, to that phase, and the peak KB.
dashboard() {
  local corpus=$1 cache=$2 until=${3:-first frame drawn} log=$work/tui.log
  dashboard_run liaison-scale "$log" "$until" "$bin" "$corpus" "$cache"
  local first reached
  first=$(grep -o 'first frame drawn [0-9.]*' "$log" | awk '{print $NF}')
  reached=$(grep -o "$until [0-9.]*" "$log" | awk '{print $NF}')
  echo "$first ${reached:-?} $(cat "$log.time")"
}

printf '| articles | MB | events | cold s | cold MB/s | cold peak MB | warm s | first frame s | dashboard peak MB | who s | grep -ril s | ratio | +1 article s | +1 dashboard first frame s | +1 dashboard updated s | F1 partners | F1 pairs | F1 counterparts | dates |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  corpus=$work/c$n
  if [ ! -d "$corpus/articles" ]; then
    "$gen" --articles "$n" --seed 1 --out "$corpus" >/dev/null
  fi
  articles=$corpus/articles
  bytes=$(find "$articles" -type f -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
  mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}')
  cache=$work/cache$n
  rm -rf "$cache" "$articles/zz-added"

  read -r cold cold_kb < <(measure "$bin" --data "$articles" --cache-dir "$cache" countries)
  events=$(grep -o '[0-9]* events' "$work/stderr.out" | head -1 | cut -d' ' -f1)
  rate=$(awk -v b="$bytes" -v s="$cold" 'BEGIN {printf "%.1f", b/1e6/s}')

  warm=$(for _ in 1 2 3; do measure "$bin" --data "$articles" --cache-dir "$cache" countries; done | median)

  read -r first _ tui_kb < <(dashboard "$articles" "$cache")

  # A name that is in the corpus: the first official of the directory.
  query=$("$bin" --data "$articles" --cache-dir "$cache" who --json a 2>/dev/null |
    grep -o '"name": *"[^"]*"' | head -1 | sed 's/.*: *"//; s/"//' | awk '{print $NF}' || true)
  who=$(for _ in 1 2 3; do measure "$bin" --data "$articles" --cache-dir "$cache" who "$query"; done | median)
  grep_s=$(for _ in 1 2 3; do measure grep -ril "$query" "$articles" || true; done | median)
  ratio=$(awk -v a="$who" -v b="$grep_s" 'BEGIN {printf "%.2f", a/b}')

  mkdir -p "$articles/zz-added"
  first_article=$(find "$articles" -type f -name '*.txt' | sort | head -1 || true)
  sed 's/^title: /title: Added: /' "$first_article" >"$articles/zz-added/zz-added-article.txt"
  read -r added _ < <(measure "$bin" --data "$articles" --cache-dir "$cache" countries)
  # The dashboard restarted after the added article changes again: its first frame (from
  # the dataset the cache held, "updating…") and the frame with the change in it.
  sed 's/^title: /title: Added again: /' "$first_article" >"$articles/zz-added/zz-added-article.txt"
  read -r added_first added_updated _ < <(dashboard "$articles" "$cache" "dashboard: updated")
  rm -rf "$articles/zz-added"

  scores=$("$bin" --no-cache eval --gold "$corpus/gold" "$articles" --json 2>/dev/null |
    python3 -c '
import json, sys
o = json.load(sys.stdin)["overall"]
def f1(c):
    d = 2 * c["tp"] + c["fp"] + c["fn"]
    return "%.2f" % (2 * c["tp"] / d if d else 1)
print(f1(o["partners"]), f1(o["pairs"]), f1(o["counterparts"]),
      "%.2f" % (o["dates_correct"] / max(o["dates_total"], 1)))' 2>/dev/null || echo "? ? ? ?")
  read -r f_part f_pair f_cp dates <<<"$scores"

  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$n" "$mb" "$events" "$cold" "$rate" "$((cold_kb / 1024))" "$warm" "$first" "$((tui_kb / 1024))" \
    "$who" "$grep_s" "$ratio" "$added" "$added_first" "$added_updated" "$f_part" "$f_pair" "$f_cp" "$dates"
done
echo
echo "query for who/grep: the surname of the first official the directory lists for \"a\"; cache: $work/cacheN"
