namespace Kinship.Leap.Serving.Wire;

/// <summary>OpenAI <c>usage</c>: tokens of the prompt, of the completion, and their sum.</summary>
public sealed record WireUsage(int PromptTokens, int CompletionTokens, int TotalTokens);
