namespace Kinship.Leap.Serving;

/// <summary>A parsed OpenAI-style <c>/v1/completions</c> or <c>/v1/chat/completions</c> body: the job to run and how to answer.</summary>
/// <param name="Job">What to generate.</param>
/// <param name="Stream">True for server-sent events (<c>data: {...}</c> chunks, then <c>data: [DONE]</c>).</param>
/// <param name="IncludeUsage">True when <c>stream_options.include_usage</c> asked for a last chunk with the usage and no choices.</param>
/// <param name="Chat">True for a chat completion (the prompt was rendered from messages).</param>
public sealed record OpenAiCompletionRequest(CompletionJob Job, bool Stream, bool IncludeUsage, bool Chat);
