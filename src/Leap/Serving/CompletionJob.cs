using Kinship.Leap.Backends;

namespace Kinship.Leap.Serving;

/// <summary>One completion request as a server receives it: a prompt, how many choices, their limits and sampling.</summary>
/// <param name="Prompt">The full prompt text (chat template already applied by the caller).</param>
/// <param name="N">Number of choices, each a fork of the prompt's sequence.</param>
/// <param name="MaxTokens">Most tokens each choice may generate; null means up to the end of the context (chat's default).</param>
/// <param name="Stop">Stop strings; a choice ends at the first one decoded.</param>
/// <param name="Sampling">Sampling of choice 0; choice i samples with seed <c>Seed + i</c>.</param>
/// <param name="IncludeStop">Whether the matched stop string stays in the returned text (OpenAI drops it; vLLM's include_stop_str_in_output keeps it).</param>
public sealed record CompletionJob(string Prompt, int N, int? MaxTokens, IReadOnlyList<string> Stop, SamplingOptions Sampling, bool IncludeStop);
