using System.Text.Json.Serialization;

namespace Kinship.Leap.Serving.Wire;

/// <summary>A <c>chat.completion</c> response or one <c>chat.completion.chunk</c> of a streamed one.</summary>
public sealed record WireChatCompletion
{
    public string? Id { get; init; }
    public string Object { get; init; } = "chat.completion";
    public long Created { get; init; }
    public string? Model { get; init; }
    public IReadOnlyList<WireChatChoice>? Choices { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WireUsage? Usage { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WireErrorDetail? Error { get; init; }
}
