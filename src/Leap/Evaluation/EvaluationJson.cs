using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kinship.Leap.Evaluation;

/// <summary>The JSON forms of evaluation results: one <c>results.jsonl</c> line per problem, and <c>summary.json</c>.</summary>
public static class EvaluationJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        WriteIndented = false,
    };

    /// <summary>One problem as a single JSON line (no newline).</summary>
    public static string Line(ProblemResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>Reads a line written by <see cref="Line"/>.</summary>
    public static ProblemResult ParseLine(string line) =>
        JsonSerializer.Deserialize<ProblemResult>(line, Options) ?? throw new JsonException("null result line");

    /// <summary>The <c>summary.json</c> object: problems, paths, pass@1, cons@N, shortest-majority@N, tokens, seconds, buckets, and the run's settings.</summary>
    public static JsonObject Summary(EvaluationSummary summary, JsonObject? run)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var buckets = new JsonObject();
        foreach (var (bucket, count) in summary.Buckets)
        {
            buckets[JsonNamingPolicy.KebabCaseLower.ConvertName(bucket.ToString())] = count;
        }
        return new JsonObject
        {
            ["problems"] = summary.Problems,
            ["paths"] = summary.Paths,
            ["pass@1"] = Round(summary.PassAt1),
            ["cons@N"] = Round(summary.ConsAtN),
            ["shortest-majority@N"] = Round(summary.ShortestMajorityAtN),
            ["unanswered"] = Round(summary.Unanswered),
            ["tokens"] = new JsonObject
            {
                ["decoded"] = summary.TokensDecoded,
                ["prefilled"] = summary.TokensPrefilled,
                ["receivedFromPeers"] = summary.TokensReceived,
                ["decodedPerProblem"] = Round(summary.TokensDecodedPerProblem),
            },
            ["seconds"] = Round(summary.Seconds),
            ["tokensPerSecond"] = Round(summary.TokensPerSecond),
            ["buckets"] = buckets,
            ["run"] = run?.DeepClone(),
        };
    }

    private static double Round(double value) => double.Parse(value.ToString("0.######", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
