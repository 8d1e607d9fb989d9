namespace Kinship.Leap.Serving.Wire;

/// <summary>An OpenAI error body: <c>{"error": {"message", "type", "code"}}</c>.</summary>
public sealed record WireError(WireErrorDetail Error);
