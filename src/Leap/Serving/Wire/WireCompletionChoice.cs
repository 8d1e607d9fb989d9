using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kinship.Leap.Serving.Wire;

/// <summary>
/// One choice of a <c>text_completion</c> (whole or streamed): text, finish reason, and each server's own word on the stop —
/// vLLM's <c>stop_reason</c> (a string, or a token id), llama-server's <c>stop_type</c> / <c>stopping_word</c>.
/// </summary>
public sealed record WireCompletionChoice
{
    public int Index { get; init; }
    public string? Text { get; init; }
    /// <summary>Always null when written: log-probabilities are refused.</summary>
    public JsonElement? Logprobs { get; init; }
    public string? FinishReason { get; init; }
    public JsonElement? StopReason { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StopType { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StoppingWord { get; init; }
}
