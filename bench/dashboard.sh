# Sourced by the dashboard's benchmark scripts: one run of the dashboard in tmux at 200×60.
#
#   dashboard_run SESSION LOG PHASE BIN CORPUS CACHE
#
# starts BIN on CORPUS with CACHE (its configuration folder CACHE/no-config, LIAISON_TIMINGS=1,
# NO_COLOR=1, stderr to LOG) under GNU time, waits until LOG shows the timing PHASE (five
# minutes at most), sends `q`, and returns once the process has ended and the system has
# written out what it wrote (a rebuild's files, half a gigabyte at 100k, otherwise slow the
# next start). The process's peak resident memory, in KB, is then in LOG.time.
dashboard_run() {
  local session=$1 log=$2 phase=$3 bin=$4 corpus=$5 cache=$6
  tmux kill-session -t "$session" 2>/dev/null || true
  mkdir -p "$cache/no-config"
  : >"$log"
  rm -f "$log.time"
  tmux new-session -d -s "$session" -x 200 -y 60 \
    "LIAISON_CONFIG_DIR=$cache/no-config LIAISON_TIMINGS=1 NO_COLOR=1 /usr/bin/time -f '%M' -o $log.time $bin --data $corpus --cache-dir $cache 2>$log"
  for _ in $(seq 1 3000); do
    grep -q "$phase" "$log" && break
    sleep 0.1
  done
  sleep 0.3
  tmux send-keys -t "$session" q
  for _ in $(seq 1 100); do
    [ -s "$log.time" ] && break
    sleep 0.1
  done
  sync
  sleep 1
}
