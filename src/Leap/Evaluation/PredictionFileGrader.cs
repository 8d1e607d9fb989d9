using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// Re-grades saved predictions: reads JSON Lines <c>{"prediction": "...", "answer": "...", "options"?: ...}</c> and writes
/// every good line back unchanged with <c>"extracted"</c>, <c>"correct"</c> and <c>"rule"</c> added. A bad line is reported by
/// file:line and skipped; the good lines still land.
/// </summary>
public static class PredictionFileGrader
{
    /// <summary>Grades <paramref name="inputPath"/> into <paramref name="output"/>, one JSON object per line.</summary>
    public static GradeSummary Grade(string inputPath, TextWriter output, CancellationToken cancellationToken = default) =>
        Grade(inputPath, output, null, cancellationToken);

    /// <summary>Grades <paramref name="inputPath"/> into <paramref name="output"/>; <paramref name="onGraded"/> receives each good line's number and grade.</summary>
    public static GradeSummary Grade(string inputPath, TextWriter output, Action<int, GradedAnswer>? onGraded, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(inputPath))
        {
            throw new BenchmarkFormatException(inputPath, 0, null, "file not found");
        }
        int graded = 0, correct = 0, unanswered = 0, lineNumber = 0;
        var errors = new List<string>();
        using var reader = new StreamReader(inputPath, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                var node = ParseLine(inputPath, lineNumber, line);
                var prediction = RequiredText(node, "prediction", inputPath, lineNumber);
                var answer = RequiredText(node, "answer", inputPath, lineNumber);
                var options = Options(node, inputPath, lineNumber);
                var result = AnswerGrader.Grade(prediction, answer, options);
                node["extracted"] = result.Extracted;
                node["correct"] = result.Correct;
                node["rule"] = result.Rule;
                output.WriteLine(node.ToJsonString());
                onGraded?.Invoke(lineNumber, result);
                graded++;
                correct += result.Correct ? 1 : 0;
                unanswered += result.Extracted is null ? 1 : 0;
            }
            catch (BenchmarkFormatException e)
            {
                errors.Add(e.Message);
            }
        }
        return new GradeSummary(graded, correct, unanswered, errors);
    }

    /// <summary>Grades <paramref name="inputPath"/> into <paramref name="outputPath"/>, written atomically (temp file, then rename).</summary>
    public static GradeSummary Grade(string inputPath, string outputPath, CancellationToken cancellationToken = default) =>
        Grade(inputPath, outputPath, null, cancellationToken);

    /// <summary>Grades <paramref name="inputPath"/> into <paramref name="outputPath"/> (atomically); <paramref name="onGraded"/> receives each good line's number and grade.</summary>
    public static GradeSummary Grade(string inputPath, string outputPath, Action<int, GradedAnswer>? onGraded, CancellationToken cancellationToken = default)
    {
        using var file = Kinship.Files.AtomicFile.Create(outputPath);
        var summary = Grade(inputPath, file.Text, onGraded, cancellationToken);
        file.Commit();
        return summary;
    }

    private static JsonObject ParseLine(string path, int line, string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new BenchmarkFormatException(path, line, null, "expected a JSON object");
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
            throw new BenchmarkFormatException(path, line, null, "invalid JSON: " + (cut > 0 ? message[..cut] : message));
        }
    }

    private static string RequiredText(JsonObject node, string field, string path, int line)
    {
        var value = node[field] ?? throw new BenchmarkFormatException(path, line, field, "missing");
        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            var kind => throw new BenchmarkFormatException(path, line, field, $"expected a string, found {kind}"),
        };
    }

    private static List<string>? Options(JsonObject node, string path, int line)
    {
        if (node["options"] is not { } options)
        {
            return null;
        }
        var list = new List<string>();
        switch (options)
        {
            case JsonArray array:
                foreach (var o in array)
                {
                    list.Add(o?.GetValueKind() == JsonValueKind.String ? o.GetValue<string>() : throw new BenchmarkFormatException(path, line, "options", "every option must be a string"));
                }
                break;
            case JsonObject byLetter:
                foreach (var (key, value) in byLetter.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    list.Add(value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw new BenchmarkFormatException(path, line, "options", $"option '{key}' must be a string"));
                }
                break;
            default:
                throw new BenchmarkFormatException(path, line, "options", "expected an array or an object keyed A–D");
        }
        return list.Count >= 2 ? list : throw new BenchmarkFormatException(path, line, "options", "needs at least 2 options");
    }
}
