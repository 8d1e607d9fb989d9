namespace Kinship.Leap.Backends;

/// <summary>What a backend is and what it can hold.</summary>
/// <param name="Name">A display name (model file or served model).</param>
/// <param name="ContextTokens">Maximum tokens one sequence may hold (prompt plus everything appended and generated).</param>
/// <param name="MaxSequences">Maximum live sequences at once.</param>
public sealed record BackendInfo(string Name, int ContextTokens, int MaxSequences);
