#!/usr/bin/env bash
# n = 8 vs n = 1 on a ~1,500-token prompt against leap serve (stories260K), 3 alternated pairs
cd "$(dirname "$0")/.."
dotnet src/Leap.Cli/bin/Release/net10.0/linux-x64/leap.dll serve --model ../shared/models/stories260K.gguf --port 18313 --context 2048 --sequences 9 > /tmp/leap-serve-n8-serve.log 2>&1 &
pid=$!
for i in $(seq 60); do curl -sf http://127.0.0.1:18313/health >/dev/null && break; sleep 1; done
prompt=$(python3 -c "print(('Once upon a time, there was a little girl named Lily. She loved to play outside in the park. ' * 48).strip())")
body() { python3 -c "import json,sys; print(json.dumps({'prompt': sys.argv[1], 'n': int(sys.argv[2]), 'max_tokens': 32, 'temperature': 0.8, 'seed': 1}))" "$prompt" "$1"; }
body 1 > /tmp/leap-serve-n8-n1.json; body 8 > /tmp/leap-serve-n8-n8.json
curl -s -H "Content-Type: application/json" --data @/tmp/leap-serve-n8-n1.json http://127.0.0.1:18313/v1/completions | head -c 600; echo
for r in 1 2 3; do
  for n in 1 8; do
    t=$( { /usr/bin/time -f %e curl -s -o /dev/null -H 'Content-Type: application/json' --data @/tmp/leap-serve-n8-n$n.json http://127.0.0.1:18313/v1/completions; } 2>&1 )
    echo "n=$n run=$r seconds=$t"
  done
done
uptime
kill $pid
