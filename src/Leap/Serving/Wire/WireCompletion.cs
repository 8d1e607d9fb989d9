using System.Text.Json.Serialization;

namespace Kinship.Leap.Serving.Wire;

/// <summary>A <c>text_completion</c> object: a whole response, or one server-sent chunk of a streamed one.</summary>
public sealed record WireCompletion
{
    public string? Id { get; init; }
    public string Object { get; init; } = "text_completion";
    public long Created { get; init; }
    public string? Model { get; init; }
    public IReadOnlyList<WireCompletionChoice>? Choices { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WireUsage? Usage { get; init; }
    /// <summary>An error reported in-band (inside an event stream whose headers already said 200).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WireErrorDetail? Error { get; init; }
}
