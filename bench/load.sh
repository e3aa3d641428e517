#!/usr/bin/env bash
# `broadsheet serve` under load: 50 concurrent clients for 30 s on loopback (wrk) while an
# article is saved every 2 s, so the server rebuilds and swaps sites mid-load. Prints wrk's
# figures (requests/s, errors, latency percentiles), the server's memory every 5 s, how
# many rebuilds happened, and how traversal and malformed requests were answered.
#
#   bench/load.sh                 # DURATION=30 CONNECTIONS=50
#
# One path in ten is a page that does not exist, on purpose: those 404s are counted by wrk
# as non-2xx responses and are not failures.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-50}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

cargo build --quiet --release --manifest-path "$ROOT/Cargo.toml"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$ROOT/content" "$ROOT/static" "$ROOT/site.toml" "$work/"
"$ROOT/target/release/broadsheet" serve --root "$work" --port 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q 'serving http' "$work/serve.log" && break; sleep 0.2; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" | head -1)
article=$(ls "$ROOT"/content/2024/*.md | head -1)
page=$(basename "$article" .md)

cat >"$work/paths.lua" <<'LUA'
local paths = {"/", "/authors/", "/tags/", "/affiliations/", "/archive/", "/atom.xml",
               "/style.css", "/sitemap.xml", "/2024/", "/no-such-page/"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency)
  local e = summary.errors
  io.write(string.format("requests %d; socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.requests, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

( for i in $(seq $((DURATION / 2))); do echo "Saved under load, $i." >>"$work/content/2024/$page.md"; sleep 2; done ) &
editor=$!
( for _ in $(seq $((DURATION / 5 + 1))); do ps -o rss= -p "$server"; sleep 5; done >"$work/rss.txt" ) &
sampler=$!
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/paths.lua" "$url/"
wait "$editor" "$sampler"
echo "server memory (KiB, every 5 s): $(tr '\n' ' ' <"$work/rss.txt")"
echo "rebuilds during the run: $(grep -c 'rebuilt' "$work/serve.log")"
for p in "/../site.toml" "/%2e%2e/%2e%2e/etc/passwd" "/..%2fsite.toml" "//etc/passwd"; do
  echo "$p → $(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$url$p")"
done
kill -0 "$server" && echo "server still up"
