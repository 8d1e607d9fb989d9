using System.Text.Json.Serialization;

namespace Kinship.Leap.Serving.Wire;

/// <summary>A chat message, or the delta of one in a streamed chunk (role on the first chunk, content after).</summary>
public sealed record WireChatMessage
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }
}
