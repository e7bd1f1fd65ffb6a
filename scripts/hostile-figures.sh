#!/usr/bin/env bash
# Time and peak memory of `debate-tui check` on hostile files.
# Usage: scripts/hostile-figures.sh [BINARY]   (default: target/release/debate-tui)
# Each case runs under a 60 s timeout; "timeout" in the output means it was killed.
set -u
bin=$(realpath "${1:-target/release/debate-tui}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

debate() { # debate FILE SOURCE... : a debate whose sources name each SOURCE
  {
    echo "version: 1"; echo "title: t"; echo "sources:"
    local i=0
    for s in "${@:2}"; do
      echo "  - id: s$i"; echo "    title: s"; echo "    file: $s"; i=$((i + 1))
    done
    echo "positions:"; echo "  - id: p"; echo "    title: p"
    echo "claims:"; echo "  - id: c"; echo "    position: p"; echo "    text: c"
    echo "    quotes:"; echo "      - source: s0"; echo "        text: \"zzz not there\""
  } > "$1"
}

run() { # run NAME ARGS...
  local out status
  /usr/bin/time -o time.txt -f '%e s, %M KB peak' timeout 60 "$bin" "${@:2}" >/dev/null 2>err.txt
  status=$?
  out=$(tail -1 time.txt)
  [ "$status" = 124 ] && out="killed by the 60 s timeout"
  printf '%-34s exit %-3s %s | %s\n' "$1" "$status" "$out" "$(head -c 110 err.txt | tr '\n\033' '  ')"
}

debate pagemap.yaml $(for _ in $(seq 12); do echo /proc/self/pagemap; done)
run "12 x /proc/self/pagemap" check pagemap.yaml
debate kmsg.yaml /proc/kmsg
run "/proc/kmsg" check kmsg.yaml

mkdir -p sources
head -c 100000000 /dev/zero | tr '\0' 'a' > sources/big.txt
debate big10.yaml $(for _ in $(seq 10); do echo sources/big.txt; done)
run "100 MB source listed 10 times" check big10.yaml

python3 - <<'PY'
open("nest4.yaml", "w").write("positions:\n" + "- " * 2_000_000 + "x\n")
open("nest30.yaml", "w").write("positions:\n" + "- " * 15_000_000 + "x\n")
PY
run "compact nesting, 4 MB" check nest4.yaml
run "compact nesting, 30 MB" check nest30.yaml

truncate -s 600M huge.yaml
run "600 MiB debate file (sparse)" check huge.yaml

python3 - <<'PY'
import json
n = 1_000_000
nodes = [{"nodeID": str(i), "text": "claim %d" % i, "type": "I"} for i in range(n)]
json.dump({"nodes": nodes, "edges": [], "locutions": []}, open("aif1m.json", "w"), separators=(",", ":"))
m = 600_000
nodes = [{"nodeID": str(i), "text": "claim number %d of the cycle" % i, "type": "I"} for i in range(m)]
nodes += [{"nodeID": "ra%d" % i, "text": "Default Conflict", "type": "CA"} for i in range(m)]
edges = []
for i in range(m):
    edges.append({"edgeID": "a%d" % i, "fromID": str(i), "toID": "ra%d" % i})
    edges.append({"edgeID": "b%d" % i, "fromID": "ra%d" % i, "toID": str((i + 1) % m)})
json.dump({"nodes": nodes, "edges": edges, "locutions": []}, open("aifcycle.json", "w"), separators=(",", ":"))
PY
run "AIF, 1M nodes ($(du -m aif1m.json | cut -f1) MB)" check aif1m.json
run "AIF cycle ($(du -m aifcycle.json | cut -f1) MB)" check aifcycle.json
