using System.Text.Json;

namespace Kinship.Leap.Serving.Wire;

/// <summary>The inside of an OpenAI error: message, type and code (the HTTP status, as vLLM and llama-server send it).</summary>
public sealed record WireErrorDetail
{
    public string? Message { get; init; }
    public string? Type { get; init; }
    public string? Param { get; init; }
    /// <summary>A number (vLLM, llama-server, leap serve) or a string (OpenAI).</summary>
    public JsonElement? Code { get; init; }
}
