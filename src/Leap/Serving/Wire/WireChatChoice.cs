using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kinship.Leap.Serving.Wire;

/// <summary>One choice of a <c>chat.completion</c> (<see cref="Message"/>) or of a <c>chat.completion.chunk</c> (<see cref="Delta"/>).</summary>
public sealed record WireChatChoice
{
    public int Index { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WireChatMessage? Message { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WireChatMessage? Delta { get; init; }
    public JsonElement? Logprobs { get; init; }
    public string? FinishReason { get; init; }
    public JsonElement? StopReason { get; init; }
}
