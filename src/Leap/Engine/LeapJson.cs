using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kinship.Leap.Engine;

/// <summary>JSON forms of a run: the trace lines and the <c>leap solve --json</c> object. Deterministic for equal inputs.</summary>
public static class LeapJson
{
    /// <summary>Serializer settings shared by traces and results: camelCase, compact, readable Unicode.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>One trace line; with <paramref name="includeTimings"/> false the wall-clock fields are left out so equal seeds give equal bytes.</summary>
    public static string TraceLine(TraceEvent traceEvent, bool includeTimings)
    {
        ArgumentNullException.ThrowIfNull(traceEvent);
        if (!includeTimings && traceEvent is RunFinishedEvent end)
        {
            traceEvent = end with { Seconds = null, TokensPerSecond = null };
        }
        return JsonSerializer.Serialize(traceEvent, Options);
    }

    /// <summary>
    /// The <c>--json</c> object: <c>{"paths": [{"index","text","answer","finished","tokensDecoded","tokensPrefilled"}],
    /// "rounds": [{"index","routes":[{"path","peers","similarities"}]}], "vote", "promptTokens", "seconds"}</c>;
    /// <c>seconds</c> is left out when <paramref name="includeTimings"/> is false.
    /// </summary>
    public static string Result(LeapResult result, bool includeTimings)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = new SolveJson(
            [.. result.Paths.Select(p => new SolvePathJson(p.Index, p.Text, p.Answer, p.Finished, p.TokensDecoded, p.TokensPrefilled))],
            result.Rounds,
            result.Vote,
            result.PromptTokens,
            includeTimings ? Math.Round(result.Seconds, 3) : null);
        return JsonSerializer.Serialize(json, ResultOptions);
    }

    private static JsonSerializerOptions ResultOptions { get; } = new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    private sealed record SolveJson(
        IReadOnlyList<SolvePathJson> Paths,
        IReadOnlyList<RoutingRound> Rounds,
        string? Vote,
        int PromptTokens,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Seconds);

    private sealed record SolvePathJson(int Index, string Text, string? Answer, bool Finished, long TokensDecoded, long TokensPrefilled);
}
