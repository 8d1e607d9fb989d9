namespace Kinship.Leap.Backends;

/// <summary>A progress report during batched generation: one sequence decoded more text.</summary>
/// <param name="SequenceId">The sequence's <see cref="IGenerationSequence.Id"/>.</param>
/// <param name="Delta">Text decoded since the previous report for that sequence.</param>
/// <param name="TokensDecoded">Tokens decoded so far by the current request.</param>
public readonly record struct GenerationProgress(int SequenceId, string Delta, int TokensDecoded);
