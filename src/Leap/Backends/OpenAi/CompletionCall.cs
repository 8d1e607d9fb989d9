namespace Kinship.Leap.Backends.OpenAi;

/// <summary>One <c>/v1/completions</c> request: the full prompt text, n choices, the token limit, stop strings and sampling.</summary>
internal sealed record CompletionCall(string Prompt, int N, int MaxTokens, IReadOnlyList<string> Stops, SamplingOptions Sampling);

/// <summary>
/// One choice of a reply: its text, the server's finish reason and matched stop (vLLM <c>stop_reason</c>, llama-server
/// <c>stopping_word</c>), the streamed chunks that carried text, and the choice's own completion tokens when the server
/// reports usage per choice (llama-server, <c>leap serve</c>).
/// </summary>
internal sealed record CompletionChoice(string Text, string? FinishReason, string? StopReason, int Chunks, int? Tokens = null);

/// <summary>A complete reply: choices by index and the server's token usage (null when it reported none).</summary>
internal sealed record CompletionReply(IReadOnlyList<CompletionChoice> Choices, int? PromptTokens, int? CompletionTokens);
