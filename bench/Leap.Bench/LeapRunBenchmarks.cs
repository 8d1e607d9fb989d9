using System.Diagnostics;
using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;

namespace Kinship.Leap.Bench;

/// <summary>
/// A whole LeaP run (N paths, T, M) against the same backend calls replayed without the engine, on fresh backends loaded the same
/// way; pairs alternate. The run's decoded tokens/s is reported next to the plain batched decode of N sequences, and one run's
/// per-phase breakdown (<see cref="LlamaTimings"/>) is printed.
/// </summary>
internal static class LeapRunBenchmarks
{
    public sealed record Figures(int Paths, int Interval, int Budget, int Threads, double EngineMedian, double ReplayMedian, double RatioOfMedians,
        double MedianPairRatio, long Decoded, double RunTokensPerSecond, double PlainTokensPerSecond, double[] Engine, double[] Replay, string Breakdown);

    public static async Task<Figures> RunAsync(string model, int paths, int interval, int budget, int threads, int pairs)
    {
        var options = new LeapOptions
        {
            Paths = paths, Interval = interval, Budget = budget, SummaryTokens = 16, PeerCount = 2, Template = ChatTemplateKind.Raw, Seed = 1,
        };
        var problem = Problem.Math("Tom has 3 apples and buys 4 more. How many apples does he have?");
        var load = new LlamaBackendOptions
        {
            ModelPath = model, ContextTokens = DecodeBenchmarks.EngineContext(model), MaxSequences = paths + 1, Threads = threads, CollectTimings = true,
        };
        var engine = new double[pairs];
        var replay = new double[pairs];
        long decoded = 0;
        var breakdown = "";
        for (var p = 0; p < pairs; p++)
        {
            ReplayBackend recorder;
            await using (var llama = await LlamaBackend.LoadAsync(load))
            {
                recorder = new ReplayBackend(llama);
                var clock = Stopwatch.StartNew();
                var result = await new LeapEngine(recorder).SolveAsync(problem, options, null, CancellationToken.None);
                engine[p] = clock.Elapsed.TotalSeconds;
                decoded = result.TokensDecoded;
                breakdown = llama.Timings!.Format();
            }
            await using (var fresh = await LlamaBackend.LoadAsync(load))
            {
                var (seconds, replayed) = await recorder.ReplayAsync(fresh);
                replay[p] = seconds;
                if (replayed != decoded && p == 0)
                {
                    Console.WriteLine($"  note: the replay decoded {replayed} tokens, the run {decoded} (engine counts its own)");
                }
            }
        }
        var plain = new double[pairs];
        for (var p = 0; p < pairs; p++)
        {
            plain[p] = (await DecodeBenchmarks.BackendLoopAsync(model, paths, interval, threads)).TokensPerSecond;
        }
        var engineMedian = DecodeParityBenchmarks.Median(engine);
        var replayMedian = DecodeParityBenchmarks.Median(replay);
        var figures = new Figures(paths, interval, budget, threads, engineMedian, replayMedian, engineMedian / replayMedian,
            DecodeParityBenchmarks.Median(engine.Zip(replay, (e, r) => e / r).ToArray()), decoded, decoded / engineMedian,
            DecodeParityBenchmarks.Median(plain), engine, replay, breakdown);
        Console.WriteLine(
            $"leap-run N={paths} T={interval} M={budget} threads={threads}: engine {engineMedian:F3}s, replayed backend calls {replayMedian:F3}s, " +
            $"engine/replay = {figures.RatioOfMedians:F3}x (median of pair ratios {figures.MedianPairRatio:F3}x); run {figures.RunTokensPerSecond:F1} decoded tok/s " +
            $"vs plain batched decode of {paths} x {interval} {figures.PlainTokensPerSecond:F1} tok/s");
        Console.WriteLine(breakdown);
        return figures;
    }
}
