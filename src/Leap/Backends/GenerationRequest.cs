namespace Kinship.Leap.Backends;

/// <summary>Extend <paramref name="Sequence"/> by at most <paramref name="MaxTokens"/> tokens, stopping early at any stop string or end-of-sequence.</summary>
public sealed record GenerationRequest(IGenerationSequence Sequence, int MaxTokens, IReadOnlyList<string> StopStrings);
