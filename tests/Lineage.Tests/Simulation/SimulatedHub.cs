using System.Text.Json;
using Kinship.Lineage.Simulation;

namespace Kinship.Lineage.Tests.Simulation;

/// <summary>One simulated item, read back from the JSON Lines with a plain parser independent of the simulator.</summary>
internal sealed record SimulatedModel(
    int Index,
    string Id,
    string? Relation,
    IReadOnlyList<string> TypedParents,
    IReadOnlyList<string> UntypedParents,
    IReadOnlyList<string> Licenses,
    IReadOnlyList<string> Languages,
    string? Task,
    string? Library,
    string CreatedAt,
    bool HasCardField,
    string? Card);

/// <summary>Runs the simulator into memory and parses its output.</summary>
internal static class SimulatedHub
{
    public static byte[] Bytes(SimulationOptions options)
    {
        using var stream = new MemoryStream();
        EcosystemSimulator.Write(options, stream, cancellationToken: TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    public static List<SimulatedModel> Parse(byte[] bytes)
    {
        var models = new List<SimulatedModel>();
        var reader = new StreamReader(new MemoryStream(bytes));
        while (reader.ReadLine() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            var item = document.RootElement;
            var tags = item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            var typed = new List<string>();
            var untyped = new List<string>();
            string? relation = null;
            foreach (var tag in tags.Where(t => t.StartsWith("base_model:", StringComparison.Ordinal)))
            {
                var rest = tag["base_model:".Length..];
                var colon = rest.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && rest[..colon] is "finetune" or "adapter" or "quantized" or "merge")
                {
                    relation = relation is null || relation == rest[..colon] ? rest[..colon] : throw new InvalidDataException($"{item.GetProperty("id")}: two relations");
                    typed.Add(rest[(colon + 1)..]);
                }
                else
                {
                    untyped.Add(rest);
                }
            }
            var hasCard = item.TryGetProperty("cardText", out var card);
            models.Add(new SimulatedModel(
                models.Count,
                item.GetProperty("id").GetString()!,
                relation,
                typed,
                untyped,
                [.. tags.Where(t => t.StartsWith("license:", StringComparison.Ordinal)).Select(t => t["license:".Length..])],
                [.. tags.Where(t => t.Length == 2)],
                item.TryGetProperty("pipeline_tag", out var task) ? task.GetString() : null,
                item.TryGetProperty("library_name", out var library) ? library.GetString() : null,
                item.GetProperty("createdAt").GetString()!,
                hasCard,
                hasCard && card.ValueKind == JsonValueKind.String ? card.GetString() : null));
        }
        return models;
    }
}
