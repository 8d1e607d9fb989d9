namespace Kinship.Leap.Bench;

/// <summary>
/// Plain batched decode, our backend against the raw C-API loop in the same process, B sequences × T tokens at 1 and 2 threads.
/// Pairs alternate (raw, backend, raw, backend …) because the machine is shared; medians, the per-pair ratio's median and the ratio
/// of the best runs are reported (a 128-token run at B = 1 lasts ≈ 70 ms, so one preemption moves it by tens of percent).
/// </summary>
internal static class DecodeParityBenchmarks
{
    public sealed record Row(int Sequences, int Threads, int Tokens, double RawMedian, double BackendMedian, double RatioOfMedians, double MedianPairRatio, double[] Raw, double[] Backend,
        double RawCpuMicrosecondsPerToken, double BackendCpuMicrosecondsPerToken, double CpuRatio, double BestRatio);

    public static async Task<List<Row>> RunAsync(string model, int tokens, int pairs, int[] batchSizes, int[] threadCounts)
    {
        var rows = new List<Row>();
        foreach (var threads in threadCounts)
        {
            foreach (var b in batchSizes)
            {
                var raw = new double[pairs];
                var ours = new double[pairs];
                var rawCpu = new double[pairs];
                var oursCpu = new double[pairs];
                for (var p = 0; p < pairs; p++)
                {
                    var r = RawDecodeLoop.Run(model, b, tokens, threads);
                    var o = await DecodeBenchmarks.BackendLoopAsync(model, b, tokens, threads);
                    (raw[p], rawCpu[p], ours[p], oursCpu[p]) = (r.TokensPerSecond, r.CpuMicrosecondsPerToken, o.TokensPerSecond, o.CpuMicrosecondsPerToken);
                }
                var row = new Row(b, threads, tokens, Median(raw), Median(ours), Median(ours) / Median(raw),
                    Median(raw.Zip(ours, (r, o) => o / r).ToArray()), raw, ours, Median(rawCpu), Median(oursCpu), Median(rawCpu) / Median(oursCpu),
                    ours.Max() / raw.Max());
                Console.WriteLine(
                    $"parity   B={b} threads={threads} T={tokens}: raw C-API loop {row.RawMedian,8:F1} tok/s, backend {row.BackendMedian,8:F1} tok/s, " +
                    $"backend/raw = {row.RatioOfMedians:P1} (median of pair ratios {row.MedianPairRatio:P1}, best of each {row.BestRatio:P1}; {pairs} pairs); " +
                    $"CPU per token raw {row.RawCpuMicrosecondsPerToken:F1} µs, backend {row.BackendCpuMicrosecondsPerToken:F1} µs, raw/backend = {row.CpuRatio:P1}");
                rows.Add(row);
            }
        }
        return rows;
    }

    public static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
