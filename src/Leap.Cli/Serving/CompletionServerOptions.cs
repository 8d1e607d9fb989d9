using Kinship.Leap.Backends;

namespace Kinship.Leap.Cli.Serving;

/// <summary>How <see cref="CompletionServer"/> guards and answers requests: API key, body limit, chat template, seed.</summary>
internal sealed record CompletionServerOptions
{
    /// <summary>When set, every <c>/v1/…</c> request must send <c>Authorization: Bearer KEY</c> (otherwise 401).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Request bodies larger than this are refused with 413 before they are parsed.</summary>
    public long MaxRequestBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Renders chat messages into a prompt (the GGUF's template or a named family); null refuses chat completions.</summary>
    public Func<IReadOnlyList<ChatMessage>, string>? RenderChat { get; init; }

    /// <summary>Seed of the server's seed sequence: a request without <c>seed</c> takes the next value, so runs repeat.</summary>
    public ulong? Seed { get; init; }
}
