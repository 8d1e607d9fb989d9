namespace Kinship.Leap.Serving;

/// <summary>A parsed OpenAI-style <c>POST /v1/completions</c> body: the job to run and whether to stream it.</summary>
/// <param name="Job">What to generate.</param>
/// <param name="Stream">True for server-sent events (<c>data: {...}</c> chunks, then <c>data: [DONE]</c>).</param>
public sealed record OpenAiCompletionRequest(CompletionJob Job, bool Stream);
