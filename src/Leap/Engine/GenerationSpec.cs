namespace Kinship.Leap.Engine;

/// <summary>A generation the executor must run for one path: at most <paramref name="MaxTokens"/> tokens, stopping at any of <paramref name="Stops"/>.</summary>
public sealed record GenerationSpec(int MaxTokens, IReadOnlyList<string> Stops);
