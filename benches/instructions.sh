#!/usr/bin/env bash
# Instructions per load of the workload, counted by callgrind: deterministic
# for the same binary and environment, whatever else the machine runs.
#
#     bash benches/instructions.sh            # 2,000 loads per contender
#     LOADS=5000 bash benches/instructions.sh
#
# Each contender runs in its own process; the count of a process that
# loads nothing (start-up, the environment installed) is subtracted, and
# the rest divided by the loads. Needs valgrind.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
loads=${LOADS:-2000}
cd "$root"
cargo build -q --release -p twelve-config-benches --bin instructions
binary="$root/target/release/instructions"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # $1: contender, $2: loads; prints the total instructions
  valgrind --tool=callgrind --callgrind-out-file="$out/$1.$2" "$binary" "$1" "$2" 2>"$out/log" >/dev/null
  awk '/^summary:/ { print $2 }' "$out/$1.$2"
}

contenders="floor twelve-config typed envconfig"
start=$(count none "$loads")
declare -A per_load
for contender in $contenders; do
  per_load[$contender]=$((($(count "$contender" "$loads") - start) / loads))
done
echo "Instructions per load ($loads loads, callgrind, start-up subtracted):"
echo
echo "| contender | instructions per load | ratio to floor | ratio to twelve-config |"
echo "| --- | --- | --- | --- |"
for contender in $contenders; do
  printf '| %s | %s | %.2fx | %.2fx |\n' "$contender" "${per_load[$contender]}" \
    "$(echo "${per_load[$contender]} / ${per_load[floor]}" | bc -l)" \
    "$(echo "${per_load[$contender]} / ${per_load[twelve-config]}" | bc -l)"
done
