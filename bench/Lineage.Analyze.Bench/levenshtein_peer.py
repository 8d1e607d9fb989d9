"""Times python-Levenshtein's distance on the pairs the C# benchmark wrote (same pairs, same order).

Usage: /usr/bin/python3 levenshtein_peer.py PAIRS.json ROUNDS OUT.json
Writes {"library", "version", "perPairMicroseconds": [median over rounds per pair], "distances": [...]}.
"""
import json
import statistics
import sys
import time

import Levenshtein

pairs_path, rounds, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(pairs_path, encoding="utf-8") as f:
    pairs = json.load(f)
distances = [Levenshtein.distance(a, b) for a, b in pairs]
per_pair = []
for a, b in pairs:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        Levenshtein.distance(a, b)
        times.append((time.perf_counter() - start) * 1e6)
    per_pair.append(statistics.median(times))
try:
    from importlib.metadata import version
    v = version("Levenshtein")
except Exception:  # Debian's 0.12 ships no metadata under that name
    try:
        v = version("python-Levenshtein")
    except Exception:
        v = "unknown"
with open(out_path, "w", encoding="utf-8") as f:
    json.dump({"library": "python-Levenshtein", "version": v, "perPairMicroseconds": per_pair, "distances": distances}, f)
