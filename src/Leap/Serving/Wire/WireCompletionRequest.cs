using System.Text.Json.Serialization;

namespace Kinship.Leap.Serving.Wire;

/// <summary>An OpenAI <c>POST /v1/completions</c> body as the HTTP backend sends it (with vLLM's and llama.cpp's extra sampling fields).</summary>
public sealed record WireCompletionRequest
{
    public required string Model { get; init; }
    public required string Prompt { get; init; }
    public int N { get; init; } = 1;
    public int MaxTokens { get; init; } = 16;
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopK { get; init; }
    public double? MinP { get; init; }
    public long? Seed { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Stop { get; init; }
    public bool Stream { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WireStreamOptions? StreamOptions { get; init; }
    /// <summary>vLLM: keep the matched stop string in the text.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IncludeStopStrInOutput { get; init; }
}
