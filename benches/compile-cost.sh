#!/usr/bin/env bash
# Cold `cargo build` time of a crate holding one 30-field config, derived by
# twelve-config, envconfig, and envy with serde, each in a fresh target
# directory, one after the other. Prints a Markdown table.
#
#     bash benches/compile-cost.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fields() { # $1: a format with %s for the field name and %S for the variable
  for name in service_name region log_level log_format host environment instance_id api_token \
    port workers max_connections pool_size retry_count cache_ttl_secs queue_depth sample_rate \
    cpu_threshold backoff_factor debug metrics_enabled tracing_enabled read_only maintenance_mode \
    sentry_dsn feature_flags timeout_ms keepalive_secs database_url redis_url api_url; do
    upper=$(echo "APP_$name" | tr a-z A-Z)
    case $name in
      port) ty=u16 ;; workers|max_connections|pool_size|keepalive_secs) ty=u32 ;; retry_count) ty=u8 ;;
      cache_ttl_secs|queue_depth|timeout_ms) ty=u64 ;; sample_rate|cpu_threshold|backoff_factor) ty=f64 ;;
      debug|metrics_enabled|tracing_enabled|read_only|maintenance_mode) ty=bool ;;
      sentry_dsn|feature_flags) ty="Option<String>" ;; *) ty=String ;;
    esac
    printf "$1" "$upper" "$name" "$ty"
  done
}

make_crate() { # $1: name, $2: dependencies, $3: the config source
  mkdir -p "$work/$1/src"
  printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s\n' "$1" "$2" >"$work/$1/Cargo.toml"
  printf '%s\n\nfn main() {}\n' "$3" >"$work/$1/src/main.rs"
}

make_crate with-twelve-config "twelve-config = { path = \"$root/twelve-config\" }" "$(
  printf '#[allow(dead_code)]\n#[derive(twelve_config::EnvConfig)]\n#[env(prefix = \"APP_\")]\nstruct Config {\n'
  fields '    %.0s%s: %s,\n'
  printf '}'
)"
make_crate with-envconfig 'envconfig = "0.11"' "$(
  printf 'use envconfig::Envconfig;\n\n#[allow(dead_code)]\n#[derive(Envconfig)]\nstruct Config {\n'
  fields '    #[envconfig(from = "%s")]\n    %s: %s,\n'
  printf '}'
)"
make_crate with-envy 'envy = "0.4"
serde = { version = "1", features = ["derive"] }' "$(
  printf '#[allow(dead_code)]\n#[derive(serde::Deserialize)]\nstruct Config {\n'
  fields '    %.0s%s: %s,\n'
  printf '}'
)"

echo "| crate | cold build | crates compiled |"
echo "| --- | --- | --- |"
for crate in with-twelve-config with-envconfig with-envy; do
  (cd "$work/$crate" && cargo fetch -q)
  start=$(date +%s.%N)
  if ! log=$(cd "$work/$crate" && CARGO_TARGET_DIR="$work/target-$crate" cargo build 2>&1); then
    echo "$log" >&2
    echo "| $crate | failed to build | |"
    continue
  fi
  end=$(date +%s.%N)
  count=$(grep -c '^ *Compiling' <<<"$log" || true)
  printf '| %s | %.1f s | %s |\n' "$crate" "$(echo "$end - $start" | bc)" "$count"
done
