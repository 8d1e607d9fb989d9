using System.Diagnostics;
using Kinship.Leap.Backends;

namespace Kinship.Leap.Bench;

/// <summary>Wraps a backend and records every generation call: how many tokens its requests allowed, decoded and prefilled, and how long it took.</summary>
internal sealed class TimingBackend(IGenerationBackend inner) : IGenerationBackend
{
    public sealed record Call(int Requests, int MaxTokens, long Decoded, long Prefilled, double Seconds);

    public List<Call> Calls { get; } = [];

    public BackendInfo Info => inner.Info;

    public int CountTokens(string text) => inner.CountTokens(text);

    public string? ApplyChatTemplate(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt) => inner.ApplyChatTemplate(messages, addGenerationPrompt);

    public Task<IGenerationSequence> StartAsync(string prompt, SamplingOptions sampling, CancellationToken cancellationToken) =>
        inner.StartAsync(prompt, sampling, cancellationToken);

    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var results = await inner.GenerateAsync(requests, progress, cancellationToken).ConfigureAwait(false);
        Calls.Add(new Call(requests.Count, requests.Count == 0 ? 0 : requests.Max(r => r.MaxTokens),
            results.Sum(r => (long)r.TokensDecoded), results.Sum(r => (long)r.TokensPrefilled), clock.Elapsed.TotalSeconds));
        return results;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
