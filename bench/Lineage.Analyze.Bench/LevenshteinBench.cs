using System.Diagnostics;
using System.Text.Json;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Analyze.Bench;

/// <summary>
/// Levenshtein per pair on real model-info records: ours (bit-parallel, code points) against python-Levenshtein on the
/// same pairs in the same run, as a ratio of per-pair medians; the two must agree on every distance.
/// </summary>
internal static class LevenshteinBench
{
    public static async Task<int> RunAsync(string records, int pairCount, int rounds, string output, string python)
    {
        var texts = ModelSource.Read(records, ModelSource.ResolveFormat(records, null)).Select(i => i.Record?.RawJson).OfType<string>().ToList();
        var pairs = new List<(string A, string B)>();
        for (var i = 0; i < texts.Count && pairs.Count < pairCount; i++)
        {
            for (var j = i + 1; j < texts.Count && pairs.Count < pairCount; j += 7)
            {
                pairs.Add((texts[i], texts[j]));
            }
        }
        Directory.CreateDirectory(output);
        var pairsPath = Path.Combine(output, "levenshtein-pairs.json");
        await File.WriteAllTextAsync(pairsPath, JsonSerializer.Serialize(pairs.Select(p => new[] { p.A, p.B })));
        var ours = new double[pairs.Count];
        var distances = new int[pairs.Count];
        var times = new double[rounds];
        for (var warm = 0; warm < 3; warm++)
        {
            foreach (var (a, b) in pairs.Take(50)) Levenshtein.Distance(a, b);
        }
        for (var p = 0; p < pairs.Count; p++)
        {
            for (var r = 0; r < rounds; r++)
            {
                var start = Stopwatch.GetTimestamp();
                distances[p] = Levenshtein.Distance(pairs[p].A, pairs[p].B);
                times[r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            Array.Sort(times);
            ours[p] = times[rounds / 2];
        }
        var peerPath = Path.Combine(output, "levenshtein-peer.json");
        var script = Path.Combine(AppContext.BaseDirectory, "levenshtein_peer.py");
        using (var process = Process.Start(new ProcessStartInfo(python, [script, pairsPath, rounds.ToString(System.Globalization.CultureInfo.InvariantCulture), peerPath]) { UseShellExecute = false })!)
        {
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"{python} {script} exited {process.ExitCode} (is python3-levenshtein installed?)");
                return 1;
            }
        }
        using var peer = JsonDocument.Parse(await File.ReadAllTextAsync(peerPath));
        var theirs = peer.RootElement.GetProperty("perPairMicroseconds").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var theirDistances = peer.RootElement.GetProperty("distances").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var disagreements = distances.Zip(theirDistances).Count(d => d.First != d.Second);
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
        var oursMedian = Median(ours);
        var theirsMedian = Median(theirs);
        var ratios = Median(ours.Zip(theirs).Select(x => x.Second / x.First));
        var meanLength = pairs.Average(p => (p.A.Length + p.B.Length) / 2.0);
        var figures = new Dictionary<string, object>
        {
            ["records"] = records,
            ["pairs"] = pairs.Count,
            ["rounds"] = rounds,
            ["meanRecordChars"] = Math.Round(meanLength),
            ["oursMedianMicroseconds"] = Math.Round(oursMedian, 1),
            ["peer"] = $"{peer.RootElement.GetProperty("library").GetString()} {peer.RootElement.GetProperty("version").GetString()}",
            ["peerMedianMicroseconds"] = Math.Round(theirsMedian, 1),
            ["medianPerPairSpeedup"] = Math.Round(ratios, 2),
            ["distanceDisagreements"] = disagreements,
            ["loadAverage1m"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a",
        };
        Console.WriteLine($"levenshtein on {pairs.Count} pairs of real records (mean {meanLength:#,0} chars): ours {oursMedian:0.0} µs, " +
            $"{figures["peer"]} {theirsMedian:0.0} µs per pair (medians); per-pair speed-up median {ratios:0.00}x; {disagreements} distance disagreements");
        var json = Path.Combine(output, "bench-levenshtein.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"figures: {json}");
        return disagreements == 0 ? 0 : 1;
    }
}
