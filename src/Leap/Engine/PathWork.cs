namespace Kinship.Leap.Engine;

/// <summary>What the executor does to one path's sequence: truncate (when set), append, then optionally generate.</summary>
/// <param name="Path">Path index.</param>
/// <param name="TruncateTo">Keep only this many characters of the sequence's text first, or null.</param>
/// <param name="Append">Text to append (prefilled by the next generation call); may be empty.</param>
/// <param name="Generate">The generation to run after the edits, or null for an edit only.</param>
public sealed record PathWork(int Path, int? TruncateTo, string Append, GenerationSpec? Generate);
