#!/usr/bin/env bash
# Instructions per load of the workload, counted by callgrind: deterministic
# for the same binary and environment, whatever else the machine runs.
#
#     bash benches/instructions.sh            # 2,000 loads per contender
#     LOADS=5000 bash benches/instructions.sh
#
# Each contender runs in its own process; the count of a process that
# loads nothing (start-up, the environment installed) is subtracted, and
# the rest divided by the loads. Needs valgrind (and its callgrind_annotate).
#
# A second column leaves out glibc's getenv: its strncmp compares the name
# from a buffer on std's stack, and its cost moves by up to about 900
# instructions a load with that buffer's address, that is with the frame
# sizes of unrelated code (BENCHMARKS.md, "Run them"). The
# loaders' own work, without it, is the figure to compare two versions by.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
loads=${LOADS:-2000}
cd "$root"
cargo build -q --release -p twelve-config-benches --bin instructions
binary="$root/target/release/instructions"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # $1: contender, $2: loads; prints the total instructions, then those outside glibc's getenv
  valgrind --tool=callgrind --callgrind-out-file="$out/$1.$2" "$binary" "$1" "$2" 2>"$out/log" >/dev/null
  local total getenv
  total=$(awk '/^summary:/ { print $2 }' "$out/$1.$2")
  # The inclusive count of libc's getenv (strncmp included).
  getenv=$(callgrind_annotate --auto=no --inclusive=yes "$out/$1.$2" 2>/dev/null |
    awk '/getenv\.c:getenv / { gsub(",", "", $1); print $1; found = 1 } END { if (!found) print 0 }')
  echo "$total $((total - getenv))"
}

contenders="floor twelve-config typed envconfig"
read -r start start_own < <(count none "$loads")
declare -A per_load own
for contender in $contenders; do
  read -r total total_own < <(count "$contender" "$loads")
  per_load[$contender]=$(((total - start) / loads))
  own[$contender]=$(((total_own - start_own) / loads))
done
echo "Instructions per load ($loads loads, callgrind, start-up subtracted):"
echo
echo "| contender | instructions per load | ratio to floor | ratio to twelve-config | without glibc getenv | ratio to twelve-config |"
echo "| --- | --- | --- | --- | --- | --- |"
for contender in $contenders; do
  printf '| %s | %s | %.2fx | %.2fx | %s | %.2fx |\n' "$contender" "${per_load[$contender]}" \
    "$(echo "${per_load[$contender]} / ${per_load[floor]}" | bc -l)" \
    "$(echo "${per_load[$contender]} / ${per_load[twelve-config]}" | bc -l)" \
    "${own[$contender]}" "$(echo "${own[$contender]} / ${own[twelve-config]}" | bc -l)"
done
