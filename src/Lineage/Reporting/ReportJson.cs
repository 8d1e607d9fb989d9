using System.Text.Json;
using System.Text.Json.Nodes;
using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Reporting;

/// <summary>Builds <c>results.json</c>: every number of the report, one key per section (null when an analysis was not run).</summary>
public static class ReportJson
{
    /// <summary>The section keys every <c>results.json</c> carries.</summary>
    public static readonly IReadOnlyList<string> SectionKeys = ["similarity", "mutation", "drift", "documentation", "compliance"];

    /// <summary>The JSON document of a report.</summary>
    public static JsonObject Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var root = new JsonObject
        {
            ["title"] = model.Title,
            ["generatedAt"] = model.GeneratedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["inputs"] = JsonSerializer.SerializeToNode(model.Inputs, ReportFormat.Json),
            ["headline"] = JsonSerializer.SerializeToNode(model.Headline, ReportFormat.Json),
            ["families"] = JsonNode.Parse(GenealogyStatisticsJson.Serialize(model.Families)),
        };
        foreach (var key in SectionKeys)
        {
            root[key] = null;
        }
        var notes = new JsonObject();
        foreach (var section in model.Sections)
        {
            root[section.Key] = section.Data?.DeepClone();
            foreach (var (key, value) in section.Related)
            {
                root[key] = value?.DeepClone();
            }
            if (section.Note is not null)
            {
                notes[section.Key] = section.Note;
            }
        }
        root["notes"] = notes;
        root["notMeasured"] = JsonSerializer.SerializeToNode(model.NotMeasured, ReportFormat.Json);
        return root;
    }
}
