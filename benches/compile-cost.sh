#!/usr/bin/env bash
# What a config crate costs to compile, measured side by side in one run.
#
#     bash benches/compile-cost.sh            # 3 rounds
#     ROUNDS=5 bash benches/compile-cost.sh
#
# A base service crate (serde with derive, thiserror, and a struct and an
# error using them) is built cold, alone and with each config crate added
# and a 30-field config derived by it and loaded in `main` (code a service
# never calls may never be compiled: serde's `Deserialize` is generic):
# twelve-config (default features, with `serde`, and with the three URL
# fields as typed handles, which the others have no equivalent of),
# envconfig, envy (serde), and figment, config-rs and confique, each with
# the features users add (figment `env` and `toml`, config-rs its defaults,
# confique `toml`) and reading the environment only. The variants are
# interleaved in
# every round, each in a fresh target directory against one shared registry
# (fetched first, so no download is timed), and the minimum over the rounds
# is kept. Printed:
#
# - the marginal cold build: the variant's cold `cargo build` minus the
#   base's, and its ratio to envconfig's, by the wall clock and by CPU time
#   (user + system of cargo and every rustc it ran: the steadier figure,
#   and what a busier CI machine pays);
# - the incremental rebuild after an edit of the config (a field renamed);
# - the expansion of the derive for the same 30-field struct, in lines of
#   `-Zunpretty=expanded` output beyond the base's (nightly), beside serde's
#   `Deserialize`;
# - configs of 100, 300 and 1,000 fields: the incremental rebuild after
#   an edit, and the whole compile of the service crate (without
#   incremental compilation: what a cold build or a release build pays, and
#   where a cost that grows faster than the fields shows; an edit of a
#   comment reuses nearly everything), to show the cost grows linearly.
#
# - the CPU time of each crate in the twelve-config variant's cold build
#   (rustc's user + system, through a `RUSTC_WRAPPER`), the minimum over
#   the rounds: which crate the marginal is made of, and the derive beside
#   thiserror's, which the base builds.
#
# Needs: cargo, bc; nightly for the expansion column (skipped without it);
# GNU time (/usr/bin/time) for the CPU time by crate (skipped without it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The 30 fields: name and type.
FIELDS="service_name:String region:String log_level:String log_format:String host:String
environment:String instance_id:String api_token:String port:u16 workers:u32 max_connections:u32
pool_size:u32 retry_count:u8 cache_ttl_secs:u64 queue_depth:u64 sample_rate:f64 cpu_threshold:f64
backoff_factor:f64 debug:bool metrics_enabled:bool tracing_enabled:bool read_only:bool
maintenance_mode:bool sentry_dsn:Option<String> feature_flags:Option<String> timeout_ms:u64
keepalive_secs:u32 database_url:String redis_url:String api_url:String"

fields() { # $1: a format with %s for the variable, the field, the type; $2: how many (default 30)
  local count=${2:-30} index=0
  while [ "$index" -lt "$count" ]; do
    for pair in $FIELDS; do
      [ "$index" -lt "$count" ] || break
      local name=${pair%%:*} ty=${pair#*:}
      [ "$count" -gt 30 ] && name="${name}_$index"
      printf "$1" "$(echo "APP_$name" | tr a-z A-Z)" "$name" "$ty"
      index=$((index + 1))
    done
  done
}

BASE_DEPS='serde = { version = "1", features = ["derive"] }
thiserror = "2"'
BASE_CODE='#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Order { pub id: u64, pub sku: String }

#[derive(Debug, thiserror::Error)]
pub enum ServiceError { #[error("not found: {0}")] NotFound(u64) }'

# twelve-config is a path dependency here, and cargo compiles a path
# dependency incrementally, which a user who takes it from crates.io never
# pays (about twice the crate's own time when cold). These overrides build
# it as a registry crate is built; only the service crate is incremental.
AS_REGISTRY='[profile.dev.package.twelve-config]
incremental = false

[profile.dev.package.twelve-config-derive]
incremental = false'

make_crate() { # $1: name, $2: extra dependencies, $3: the config source
  mkdir -p "$work/$1/src"
  local overrides=
  case "$2" in *twelve-config*) overrides=$AS_REGISTRY ;; esac
  # The service is named apart from every dependency: a package named
  # `twelve-config` would take the overrides above, and be built without
  # the incremental cache a service's own crate has.
  printf '[package]\nname = "service-%s"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s\n%s\n\n[profile.dev]\ndebug = 0\n\n%s\n' \
    "$1" "$BASE_DEPS" "$2" "$overrides" >"$work/$1/Cargo.toml"
  printf '%s\n\n%s\n' "$BASE_CODE" "$3" >"$work/$1/src/main.rs"
}

twelve() { # $1: field count
  printf 'use twelve_config::EnvConfig;\n\n#[allow(dead_code)]\n#[derive(EnvConfig)]\n#[env(prefix = "APP_", debug)]\nstruct Config {\n'
  fields '    %.0s%s: %s,\n' "${1:-30}"
  printf '}\n\nfn main() {\n    let _ = Config::from_env();\n}'
}
envconfig() {
  printf 'use envconfig::Envconfig;\n\n#[allow(dead_code)]\n#[derive(Envconfig)]\nstruct Config {\n'
  fields '    #[envconfig(from = "%s")]\n    %s: %s,\n'
  printf '}\n\nfn main() {\n    let _ = Config::init_from_env();\n}'
}
envy() {
  printf '#[allow(dead_code)]\n#[derive(serde::Deserialize)]\nstruct Config {\n'
  fields '    %.0s%s: %s,\n'
  printf '}\n\nfn main() {\n    let _ = envy::prefixed("APP_").from_env::<Config>();\n}'
}
serde_config() { # $1: the body of `main`, loading `Config`
  printf '#[allow(dead_code)]\n#[derive(serde::Deserialize)]\nstruct Config {\n'
  fields '    %.0s%s: %s,\n'
  printf '}\n\nfn main() {\n    %s\n}' "$1"
}
FIGMENT_MAIN='let _ = figment::Figment::new().merge(figment::providers::Env::prefixed("APP_")).extract::<Config>();'
CONFIG_MAIN='let _ = config::Config::builder().add_source(config::Environment::with_prefix("APP")).build().and_then(|c| c.try_deserialize::<Config>());'
confique() {
  printf '#[allow(dead_code)]\n#[derive(confique::Config)]\nstruct Config {\n'
  fields '    #[config(env = "%s")]\n    %s: %s,\n'
  printf '}\n\nfn main() {\n    let _ = <Config as confique::Config>::builder().env().load();\n}'
}

twelve_dep="twelve-config = { path = \"$root/twelve-config\" }"
make_crate base "" "fn main() {}"
make_crate twelve-config "$twelve_dep" "$(twelve)"
make_crate twelve-config-serde "twelve-config = { path = \"$root/twelve-config\", features = [\"serde\"] }" "$(twelve)"
# The same config with its three URLs as typed handles: what a handle
# costs, compiled where it is used (twelve-config alone has this column).
make_crate twelve-config-handles "$twelve_dep" "$(twelve | sed -e 's/database_url: String/database_url: twelve_config::resource::PostgresUrl/' \
  -e 's/redis_url: String/redis_url: twelve_config::resource::RedisUrl/' -e 's/api_url: String/api_url: twelve_config::resource::HttpUrl/')"
make_crate envconfig 'envconfig = "0.11"' "$(envconfig)"
make_crate envy 'envy = "0.4"' "$(envy)"
make_crate figment 'figment = { version = "0.10", features = ["env", "toml"] }' "$(serde_config "$FIGMENT_MAIN")"
make_crate figment-env 'figment = { version = "0.10", features = ["env"] }' "$(serde_config "$FIGMENT_MAIN")"
make_crate config-rs 'config = "0.15"' "$(serde_config "$CONFIG_MAIN")"
make_crate config-rs-env 'config = { version = "0.15", default-features = false }' "$(serde_config "$CONFIG_MAIN")"
make_crate confique 'confique = { version = "0.4", features = ["toml"] }' "$(confique)"
make_crate confique-env 'confique = "0.4"' "$(confique)"
for size in 100 300 1000; do
  make_crate "twelve-config-$size" "$twelve_dep" "$(twelve "$size")"
done
variants="base twelve-config twelve-config-serde twelve-config-handles envconfig envy figment figment-env config-rs config-rs-env confique confique-env"
peers="twelve-config twelve-config-serde twelve-config-handles envconfig envy figment figment-env config-rs config-rs-env confique confique-env"

label() { # what a variant is called in the tables (its directory is named by crate)
  case "$1" in
    twelve-config-serde) echo 'twelve-config (`serde`)' ;;
    twelve-config-handles) echo 'twelve-config (three typed handles)' ;;
    figment) echo 'figment (`env`, `toml`)' ;;
    figment-env) echo 'figment (`env` only)' ;;
    config-rs) echo 'config-rs (default features)' ;;
    config-rs-env) echo 'config-rs (no default features)' ;;
    confique) echo 'confique (`toml`)' ;;
    confique-env) echo 'confique (no default features)' ;;
    *) echo "$1" ;;
  esac
}

seconds() { # runs "$@", prints its wall time and its CPU time (user + system, children included)
  local TIMEFORMAT='%R %U %S' times
  times=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || { echo "failed: $*" >&2; exit 1; }
  set -- $times
  echo "$1 $(echo "$2 + $3" | bc)"
}
min() { # $1: current minimum or empty, $2: a value
  if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" = 1 ]; then echo "$2"; else echo "$1"; fi
}
median() { # the values given as arguments
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for crate in $variants twelve-config-100 twelve-config-300 twelve-config-1000; do
  (cd "$work/$crate" && cargo fetch -q)
done

declare -A cold cpu incremental paired_cold paired_cpu
for round in $(seq 1 "$rounds"); do
  for crate in $variants; do
    rm -rf "$work/target-$crate"
    read -r wall used < <(cd "$work/$crate" && CARGO_TARGET_DIR="$work/target-$crate" seconds cargo build --offline)
    cold[$crate]=$(min "${cold[$crate]:-}" "$wall")
    cpu[$crate]=$(min "${cpu[$crate]:-}" "$used")
    # The base is built first in every round: each variant's difference to
    # the base of its own round, for the medians below.
    [ "$crate" = base ] && round_base="$wall $used"
    read -r base_wall base_used <<<"$round_base"
    paired_cold[$crate]+=" $(echo "$wall - $base_wall" | bc)"
    paired_cpu[$crate]+=" $(echo "$used - $base_used" | bc)"
    # An edit of the config: one field renamed, then back.
    sed -i 's/\bregion\b/region_code/' "$work/$crate/src/main.rs"
    read -r wall used < <(cd "$work/$crate" && CARGO_TARGET_DIR="$work/target-$crate" seconds cargo build --offline)
    sed -i 's/\bregion_code\b/region/' "$work/$crate/src/main.rs"
    incremental[$crate]=$(min "${incremental[$crate]:-}" "$wall")
  done
  echo "round $round of $rounds done" >&2
done

echo "Marginal cold \`cargo build\` over the base crate (serde derive + thiserror), minimum of $rounds interleaved rounds:"
echo
echo "| added | marginal cold build | ratio to envconfig | marginal CPU time | ratio to envconfig | incremental rebuild after an edit |"
echo "| --- | --- | --- | --- | --- | --- |"
base=${cold[base]}
reference=$(echo "${cold[envconfig]} - $base" | bc)
cpu_reference=$(echo "${cpu[envconfig]} - ${cpu[base]}" | bc)
for crate in $peers; do
  marginal=$(echo "${cold[$crate]} - $base" | bc)
  cpu_marginal=$(echo "${cpu[$crate]} - ${cpu[base]}" | bc)
  printf '| %s | %.2f s | %.2fx | %.2f s | %.2fx | %.2f s |\n' "$(label "$crate")" "$marginal" "$(echo "$marginal / $reference" | bc -l)" \
    "$cpu_marginal" "$(echo "$cpu_marginal / $cpu_reference" | bc -l)" "${incremental[$crate]}"
done
printf '| (the base crate alone) | %.2f s cold | | %.2f s | | %.2f s |\n' "$base" "${cpu[base]}" "${incremental[base]}"

# The minimum of each variant is taken over different rounds, so a quiet
# moment for one and not the other moves a marginal of a few tenths of a
# second by as much as it is. The median of the paired differences is
# steadier where the machine is busy.
echo
echo "The same, as the median over the rounds of each variant's difference to the base built just before it:"
echo
echo "| added | marginal cold build | ratio to envconfig | marginal CPU time | ratio to envconfig |"
echo "| --- | --- | --- | --- | --- |"
# shellcheck disable=SC2086 # the lists are meant to split into values
{
  reference=$(median ${paired_cold[envconfig]})
  cpu_reference=$(median ${paired_cpu[envconfig]})
  for crate in $peers; do
    marginal=$(median ${paired_cold[$crate]})
    cpu_marginal=$(median ${paired_cpu[$crate]})
    printf '| %s | %.2f s | %.2fx | %.2f s | %.2fx |\n' "$(label "$crate")" "$marginal" "$(echo "$marginal / $reference" | bc -l)" \
      "$cpu_marginal" "$(echo "$cpu_marginal / $cpu_reference" | bc -l)"
  done
}

if cargo +nightly --version >/dev/null 2>&1; then
  echo
  echo "Expansion of the 30-field config (lines of \`-Zunpretty=expanded\` beyond the base crate's):"
  echo
  echo "| derive | expanded lines |"
  echo "| --- | --- |"
  expanded() {
    (cd "$work/$1" && CARGO_TARGET_DIR="$work/target-nightly-$1" cargo +nightly rustc --offline -q -- -Zunpretty=expanded 2>/dev/null | wc -l)
  }
  base_lines=$(expanded base)
  for crate in twelve-config envconfig envy; do
    name=$crate
    [ "$crate" = envy ] && name="serde Deserialize (envy)"
    printf '| %s | %s |\n' "$name" "$(($(expanded "$crate") - base_lines))"
  done
fi

echo
echo "The config crate by field count (linear growth expected): its incremental rebuild after an edit, and its"
echo "whole compile (the service crate alone, without incremental compilation, as in a cold build):"
echo
echo "| fields | incremental rebuild | whole compile of the service crate | per field |"
echo "| --- | --- | --- | --- |"
for size in 100 300 1000; do
  crate=twelve-config-$size
  best=
  whole=
  (cd "$work/$crate" && CARGO_TARGET_DIR="$work/target-$crate" cargo build --offline -q)
  (cd "$work/$crate" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target-whole-$crate" cargo build --offline -q)
  for round in $(seq 1 "$rounds"); do
    echo "// edit $round" >>"$work/$crate/src/main.rs"
    read -r wall used < <(cd "$work/$crate" && CARGO_TARGET_DIR="$work/target-$crate" seconds cargo build --offline)
    best=$(min "$best" "$wall")
    # Only the service crate is rebuilt: its dependencies are built.
    read -r wall used < <(cd "$work/$crate" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target-whole-$crate" seconds cargo build --offline)
    whole=$(min "$whole" "$wall")
  done
  printf '| %s | %.2f s | %.2f s | %.2f ms |\n' "$size" "$best" "$whole" "$(echo "$whole * 1000 / $size" | bc -l)"
done

if [ -x /usr/bin/time ]; then
  cat >"$work/wrapper" <<'WRAPPER'
#!/usr/bin/env bash
name=build-script; previous=
for argument in "$@"; do [ "$previous" = --crate-name ] && name=$argument; previous=$argument; done
exec /usr/bin/time -f "$name %U %S" -a -o "$UNITS" "$@"
WRAPPER
  chmod +x "$work/wrapper"
  for round in $(seq 1 "$rounds"); do
    rm -rf "$work/target-units"
    (cd "$work/twelve-config" && UNITS="$work/units.$round" RUSTC_WRAPPER="$work/wrapper" \
      CARGO_TARGET_DIR="$work/target-units" cargo build --offline -q >/dev/null 2>&1)
  done
  echo
  echo "CPU time of each crate in the twelve-config variant's cold build (rustc user + system, minimum of $rounds rounds):"
  echo
  echo "| crate | CPU time |"
  echo "| --- | --- |"
  cat "$work"/units.* | awk '$1 != "build-script" && $1 != "build_script_build" && $1 != "___" && $1 != "Command" { t = $2 + $3; if (!($1 in m) || t < m[$1]) m[$1] = t }
    END { for (k in m) printf "| %s | %.2f s |\n", k, m[k] }' | sort -t'|' -k3 -r -g
fi
