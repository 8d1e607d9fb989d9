using System.Text.Json.Nodes;

namespace Kinship.Leap.Tests.EndToEnd;

/// <summary>One <c>POST /v1/completions</c> as a server or proxy saw it: where, the body's fields that identify a path, and when.</summary>
/// <param name="Server">The base URL of the server that received it.</param>
/// <param name="Prompt">The full prompt text.</param>
/// <param name="N">Choices asked for.</param>
/// <param name="Seed">The seed sent (choice i samples with Seed + i).</param>
/// <param name="MaxTokens">Most tokens per choice.</param>
/// <param name="Arrived">Arrival time.</param>
internal sealed record ServedRequest(Uri Server, string Prompt, int N, long Seed, int MaxTokens, DateTimeOffset Arrived)
{
    /// <summary>Reads the fields of a request body (absent ones as the server's defaults).</summary>
    public static ServedRequest Of(Uri server, JsonObject body) => new(
        server,
        (string?)body["prompt"] ?? "",
        (int?)body["n"] ?? 1,
        (long?)body["seed"] ?? 0,
        (int?)body["max_tokens"] ?? 16,
        DateTimeOffset.UtcNow);
}
