namespace Kinship.Leap.Backends;

/// <summary>
/// The batched, stateful generation abstraction: sequences live in the backend and one call advances
/// every requested sequence together (llama.cpp: one batch per step; HTTP: concurrent requests).
/// </summary>
public interface IGenerationBackend : IAsyncDisposable
{
    /// <summary>What this backend is and what it can hold.</summary>
    BackendInfo Info { get; }

    /// <summary>Number of tokens <paramref name="text"/> encodes to (exact where the backend has the tokenizer, estimated otherwise).</summary>
    int CountTokens(string text);

    /// <summary>Renders chat messages with the model's own chat template, or null when the backend has none.</summary>
    string? ApplyChatTemplate(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt);

    /// <summary>Creates a sequence from a prompt and prefills it once; fork it for each path.</summary>
    Task<IGenerationSequence> StartAsync(string prompt, SamplingOptions sampling, CancellationToken cancellationToken);

    /// <summary>
    /// Decodes all requests together until each reaches its token limit, a stop string or end-of-sequence.
    /// Results are index-aligned with <paramref name="requests"/>.
    /// </summary>
    Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken);
}
