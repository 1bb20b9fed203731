#!/usr/bin/env bash
# Binaries compared in turns on one corpus, so that the machine's drift from minute to minute
# falls on all of them alike: ROUNDS rounds, each running every binary once.
#
#   bench/ab.sh cold  ROUNDS CORPUS BIN...   `countries` with an empty cache (each binary its own)
#   bench/ab.sh added ROUNDS CORPUS BIN...   one article added, then `countries` with a warm cache
#
# "added" first warms each binary's cache, then in each turn writes a copy of the corpus's
# first article with a new title into CORPUS/zz-added/, runs `countries`, removes the folder
# and runs `countries` again, so the next turn starts from a current cache. Each run prints
# the binary, the round, GNU time's wall, user and system seconds and peak memory, and
# whether its output is the first binary's of that round. With LIAISON_TIMINGS=1 set for
# every run, where the time went is in AB_DIR/NAME_ROUND.err. Caches and logs go to AB_DIR
# (default /tmp/liaison-ab); the user's configuration is not read.
set -euo pipefail
mode=$1 rounds=$2 corpus=$3
shift 3
dir=${AB_DIR:-/tmp/liaison-ab}
mkdir -p "$dir/no-config"
export LIAISON_CONFIG_DIR=$dir/no-config
trap 'rm -rf "$corpus/zz-added"' EXIT
first=$(find "$corpus" -name '*.txt' -not -path '*/zz-added/*' | sort | sed -n 1p)
name() { basename "$1"; }
if [ "$mode" = added ]; then
  for b in "$@"; do "$b" --data "$corpus" --cache-dir "$dir/cache-$(name "$b")" countries >/dev/null 2>&1; done
fi
for r in $(seq 1 "$rounds"); do
  ref=
  for b in "$@"; do
    n=$(name "$b") cache=$dir/cache-$n
    case $mode in
      cold) rm -rf "$cache" ;;
      added)
        mkdir -p "$corpus/zz-added"
        sed "s/^title: /title: Added $r: /" "$first" >"$corpus/zz-added/zz-added-article.txt" ;;
      *) echo "mode: cold or added" >&2; exit 2 ;;
    esac
    LIAISON_TIMINGS=1 /usr/bin/time -f '%e s %U u %S sys %M KB' "$b" --data "$corpus" \
      --cache-dir "$cache" countries >"$dir/${n}_$r.out" 2>"$dir/${n}_$r.err"
    [ -n "$ref" ] || ref=$dir/${n}_$r.out
    cmp -s "$ref" "$dir/${n}_$r.out" && same=same || same=DIFFERENT
    echo "$mode $n r$r $(tail -1 "$dir/${n}_$r.err") $same"
    if [ "$mode" = added ]; then
      rm -rf "$corpus/zz-added"
      "$b" --data "$corpus" --cache-dir "$cache" countries >/dev/null 2>&1
    fi
  done
done
