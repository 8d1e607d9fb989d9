namespace Kinship.Leap.Backends;

/// <summary>One chat turn: role (<c>system</c>, <c>user</c>, <c>assistant</c>) and content.</summary>
public sealed record ChatMessage(string Role, string Content);
