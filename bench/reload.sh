#!/usr/bin/env bash
# Save-to-reload time of `broadsheet serve` on a generated archive of N pieces: serves it,
# saves the newest article RUNS times, and prints the median time from each save to the
# reload message on the live-reload socket, and to the new page fetched.
#
#   bench/reload.sh [N]           # N defaults to 10000; 0 means the repository's sample site
#
# Environment: RUNS=10 SEED=1 BENCH_DIR=/dev/shm/broadsheet-bench (keep it on tmpfs).
set -euo pipefail

N=${1:-10000}
RUNS=${RUNS:-10}
SEED=${SEED:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/dev/shm/broadsheet-bench}/reload-$N

case $N in '' | *[!0-9]*) echo "usage: bench/reload.sh [N]  (N = number of pieces, 0 = sample site)" >&2; exit 2 ;; esac

if [ "$N" = 0 ]; then
    exec cargo bench --manifest-path "$ROOT/Cargo.toml" --bench reload -- --runs "$RUNS"
fi

mkdir -p "$WORK"
# The generator uses only the standard library, so rustc builds it alone.
GEN="$WORK/gen_corpus"
if [ ! -x "$GEN" ] || [ "$ROOT/examples/gen_corpus.rs" -nt "$GEN" ]; then
    echo "==> compiling the corpus generator" >&2
    rustc --edition 2024 -C opt-level=3 -o "$GEN" "$ROOT/examples/gen_corpus.rs"
fi
echo "==> generating $N pieces (seed $SEED) in $WORK/site" >&2
"$GEN" --articles "$N" --seed "$SEED" --out "$WORK/site" >&2
cargo bench --manifest-path "$ROOT/Cargo.toml" --bench reload -- --root "$WORK/site" --runs "$RUNS"
