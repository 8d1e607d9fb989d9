namespace Kinship.Leap.Backends;

/// <summary>
/// A decorator that appends a fixed beginning to every prompt a run starts from, so all paths start from that prefix
/// (the LeaP paper's prefix-dominance study, §2). The prefix is part of the shared prompt, never of a path's own text.
/// </summary>
public sealed class PrefixedBackend(IGenerationBackend inner, string prefix) : IGenerationBackend
{
    /// <summary>The text appended after each prompt.</summary>
    public string Prefix { get; } = prefix ?? throw new ArgumentNullException(nameof(prefix));

    /// <inheritdoc/>
    public BackendInfo Info => inner.Info;

    /// <inheritdoc/>
    public int CountTokens(string text) => inner.CountTokens(text);

    /// <inheritdoc/>
    public string? ApplyChatTemplate(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt) => inner.ApplyChatTemplate(messages, addGenerationPrompt);

    /// <inheritdoc/>
    public Task<IGenerationSequence> StartAsync(string prompt, SamplingOptions sampling, CancellationToken cancellationToken) =>
        inner.StartAsync(prompt + Prefix, sampling, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken) =>
        inner.GenerateAsync(requests, progress, cancellationToken);

    /// <summary>Leaves the inner backend to its owner.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
