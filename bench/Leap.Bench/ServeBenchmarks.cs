using System.Diagnostics;
using Kinship.Leap.Backends;
using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Serving;

namespace Kinship.Leap.Bench;

/// <summary>
/// <c>leap serve</c>'s scheduler (what its HTTP handlers call, without Kestrel): C concurrent completion requests × T tokens
/// against the raw C-API loop decoding C × T in the same run, and one request with n = 8 against n = 1 on a long prompt.
/// Pairs alternate because the machine is shared; medians and the median of per-pair ratios are reported.
/// </summary>
internal static class ServeBenchmarks
{
    /// <summary>
    /// One row of C concurrent requests × T tokens. <c>Raw</c> is the raw loop's throughput with its one prompt prefill (and its
    /// copy to every sequence) timed, as the scheduler's wall time from submission includes its prompt; <c>RawDecodeOnly</c>
    /// times the token loop alone (the stricter peer).
    /// </summary>
    public sealed record Concurrent(int Requests, int Tokens, int Threads, double RawMedian, double ServeMedian, double RatioOfMedians, double MedianPairRatio,
        double RawDecodeOnlyMedian, double RatioOfMediansDecodeOnly, double MedianPairRatioDecodeOnly, double[] Raw, double[] RawDecodeOnly, double[] Serve, string[] AdmissionRounds,
        double RawCpuMicrosecondsPerToken, double ServeCpuMicrosecondsPerToken, double RawOverServeCpu, double[] RawCpu, double[] ServeCpu);

    public sealed record LongPrompt(int PromptTokens, int Tokens, int Threads, double SingleMedian, double EightMedian, double RatioOfMedians, double MedianPairRatio, double[] Single, double[] Eight, long PrefillTokensEight);

    /// <summary>How each measured scheduler run admitted its requests, round by round ("8": all in one round; "3+5": two rounds).</summary>
    private static readonly List<string> Admissions = [];

    /// <summary>llama.cpp flash attention for the long-prompt runs (null: llama.cpp decides), from <c>--flash-attn on|off|auto</c>.</summary>
    public static bool? FlashAttention { get; set; }

    /// <summary>
    /// C requests of the same short prompt submitted at once, each n = 1 with its own seed; tokens/s over the wall time from submission to the
    /// last completion. One unmeasured warm-up pair first (llama-batched-bench warms up too; the scheduler's code is jitted then).
    /// </summary>
    public static async Task<Concurrent> ConcurrentAsync(string model, int requests, int tokens, int threads, int pairs)
    {
        RawDecodeLoop.Run(model, requests, tokens, threads);
        await ServeOnceAsync(model, requests, tokens, threads);
        Admissions.Clear();
        var raw = new double[pairs];
        var rawDecodeOnly = new double[pairs];
        var serve = new double[pairs];
        var rawCpu = new double[pairs];
        var serveCpu = new double[pairs];
        for (var p = 0; p < pairs; p++)
        {
            var figures = RawDecodeLoop.Run(model, requests, tokens, threads);
            (raw[p], rawDecodeOnly[p], rawCpu[p]) = (figures.TokensPerSecondWithPrefill, figures.TokensPerSecond, figures.CpuMicrosecondsPerToken);
            (serve[p], serveCpu[p]) = await ServeOnceAsync(model, requests, tokens, threads);
        }
        static double Median(double[] values) => DecodeParityBenchmarks.Median(values);
        static double PairRatio(double[] serve, double[] peer) => Median(peer.Zip(serve, (r, s) => s / r).ToArray());
        var row = new Concurrent(requests, tokens, threads, Median(raw), Median(serve), Median(serve) / Median(raw), PairRatio(serve, raw),
            Median(rawDecodeOnly), Median(serve) / Median(rawDecodeOnly), PairRatio(serve, rawDecodeOnly), raw, rawDecodeOnly, serve, [.. Admissions],
            Median(rawCpu), Median(serveCpu), Median(rawCpu) / Median(serveCpu), rawCpu, serveCpu);
        Console.WriteLine(
            $"serve    {requests} concurrent x {tokens} tokens, threads={threads}: raw C-API loop {row.RawMedian,8:F1} tok/s (prefill timed; {row.RawDecodeOnlyMedian:F1} decode only), " +
            $"scheduler {row.ServeMedian,8:F1} tok/s, serve/raw = {row.RatioOfMedians:P1} (median of pair ratios {row.MedianPairRatio:P1}; against decode only " +
            $"{row.RatioOfMediansDecodeOnly:P1} / {row.MedianPairRatioDecodeOnly:P1}; {pairs} pairs; admitted {string.Join(", ", row.AdmissionRounds)}); " +
            $"CPU per token raw {row.RawCpuMicrosecondsPerToken:F1} us, scheduler {row.ServeCpuMicrosecondsPerToken:F1} us (raw/serve {row.RawOverServeCpu:P1})");
        Console.WriteLine($"         raw  {string.Join(" ", raw.Select(r => r.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"         serve {string.Join(" ", serve.Select(r => r.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
        return row;
    }

    /// <summary>One request of about <paramref name="promptTokens"/> tokens, n = 1 then n = 8 (alternated), T tokens per choice; wall seconds from submission to completion.</summary>
    public static async Task<LongPrompt> LongPromptAsync(string model, int promptTokens, int tokens, int threads, int pairs)
    {
        var single = new double[pairs];
        var eight = new double[pairs];
        long prefillEight = 0;
        for (var p = 0; p < pairs; p++)
        {
            (single[p], _, var promptLength) = await LongOnceAsync(model, promptTokens, 1, tokens, threads);
            (eight[p], prefillEight, _) = await LongOnceAsync(model, promptTokens, 8, tokens, threads);
            promptTokens = promptLength;
        }
        var row = new LongPrompt(promptTokens, tokens, threads, DecodeParityBenchmarks.Median(single), DecodeParityBenchmarks.Median(eight),
            DecodeParityBenchmarks.Median(eight) / DecodeParityBenchmarks.Median(single), DecodeParityBenchmarks.Median(eight.Zip(single, (e, s) => e / s).ToArray()), single, eight, prefillEight);
        Console.WriteLine(
            $"serve    one request, {promptTokens}-token prompt, {tokens} tokens per choice, threads={threads}: n = 1 {row.SingleMedian,7:F2}s, n = 8 {row.EightMedian,7:F2}s, " +
            $"n=8 / n=1 = {row.RatioOfMedians:F2}x (median of pair ratios {row.MedianPairRatio:F2}x; target <= 3x; n = 8 prefilled {prefillEight} tokens)");
        return row;
    }

    /// <summary>One scheduler run: tokens/s from submission to the last completion, and the process's CPU microseconds per token over that time.</summary>
    private static async Task<(double TokensPerSecond, double CpuMicrosecondsPerToken)> ServeOnceAsync(string model, int requests, int tokens, int threads)
    {
        // the raw loop's cache: T + 64 cells per sequence, C + 1 sequences (the scheduler briefly holds a prompt beside its fork)
        await using var backend = await LlamaBackend.LoadAsync(new LlamaBackendOptions
        {
            ModelPath = model, ContextTokens = tokens + 64, MaxSequences = requests + 1, Threads = threads,
        });
        await using var scheduler = new CompletionScheduler(backend);
        var rounds = new List<string>();
        scheduler.AdmissionObserver = (admitted, prompts) => rounds.Add(admitted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var cpu = DecodeBenchmarks.ProcessCpuSeconds();
        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => scheduler.CompleteAsync(
            new CompletionJob(DecodeBenchmarks.Prompt, 1, tokens, [], new SamplingOptions { Seed = (ulong)i + 1 }, false), null, CancellationToken.None)));
        var seconds = clock.Elapsed.TotalSeconds;
        cpu = DecodeBenchmarks.ProcessCpuSeconds() - cpu;
        Admissions.Add(string.Join('+', rounds));
        var generated = outcomes.Sum(o => (double)o.CompletionTokens);
        return (generated / seconds, cpu * 1e6 / generated);
    }

    private static async Task<(double Seconds, long Prefilled, int PromptTokens)> LongOnceAsync(string model, int promptTokens, int n, int tokens, int threads)
    {
        await using var backend = await LlamaBackend.LoadAsync(new LlamaBackendOptions
        {
            ModelPath = model, ContextTokens = promptTokens + 64 + tokens + 64, MaxSequences = 9, Threads = threads, CollectTimings = true,
            FlashAttention = FlashAttention,
            // forks share the prompt's cells: the prompt once plus every choice's own tokens
            KvCacheTokens = promptTokens + 64 + tokens + 64 + (8 * (tokens + 64)),
        });
        var prompt = LongPromptText(backend, promptTokens);
        await using var scheduler = new CompletionScheduler(backend);
        var clock = Stopwatch.StartNew();
        var outcome = await scheduler.CompleteAsync(new CompletionJob(prompt, n, tokens, [], new SamplingOptions { Seed = 1 }, false), null, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        if (outcome.CompletionTokens != n * tokens)
        {
            Console.WriteLine($"  note: n = {n} generated {outcome.CompletionTokens} tokens (an end of sequence came first)");
        }
        return (seconds, backend.Timings!.PrefilledTokens, outcome.PromptTokens);
    }

    /// <summary>The short story prompt repeated until it is about <paramref name="tokens"/> tokens long.</summary>
    private static string LongPromptText(LlamaBackend backend, int tokens)
    {
        var text = new System.Text.StringBuilder();
        while (backend.CountPromptTokens(text.ToString()) < tokens)
        {
            text.Append(' ').Append(DecodeBenchmarks.Prompt);
        }
        return text.ToString().TrimStart();
    }
}
