#!/usr/bin/env bash
# End-to-end ingest rate: runs the Release build of PressDeck on loopback with the demo network at a given rate and
# reports how many posts per second reach the archive (committed, indexed, matched), after a warm-up.
# Usage: bench/ingest-rate.sh [posts-per-second=5000] [seconds=30]
set -euo pipefail
rate=${1:-5000}
seconds=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d)
dotnet build -c Release "$root/src/PressDeck" -v q -nologo >/dev/null
dotnet "$root/src/PressDeck/bin/Release/net10.0/pressdeck.dll" \
  --Kestrel:Endpoints:Http:Url=http://127.0.0.1:0 --Storage:DataFolder="$data" \
  --Demo:PostsPerSecond="$rate" --Demo:BackfillCount=0 >"$data/out.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from Posts').fetchone()[0])" "$data/pressdeck.db" 2>/dev/null || echo 0; }
sleep 10
start=$(count)
sleep "$seconds"
end=$(count)
echo "demo rate asked: $rate posts/s; archived: $(( (end - start) / seconds )) posts/s over $seconds s ($start -> $end)"
