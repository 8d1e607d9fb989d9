using System.Text.Json;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>Writes a <see cref="LineageTree"/> as the JSON of <c>lineage tree --json</c>.</summary>
public static class LineageTreeJson
{
    /// <summary>
    /// <c>{"model", "ancestors", "descendants"}</c>; each node is <c>{"id", "relation", "licenses", "downloads",
    /// "external", "repeated", "hiddenBelow", "children"}</c> (relation null on the model itself).
    /// </summary>
    public static string Serialize(LineageTree tree, IReadOnlyDictionary<string, ModelDetails> details)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(details);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, MaxDepth = int.MaxValue }))
        {
            writer.WriteStartObject();
            writer.WriteString("model", tree.Model);
            WriteSide(writer, "ancestors", tree.Ancestors, details);
            WriteSide(writer, "descendants", tree.Descendants, details);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSide(Utf8JsonWriter writer, string name, LineageTreeNode? node, IReadOnlyDictionary<string, ModelDetails> details)
    {
        writer.WritePropertyName(name);
        if (node is null)
        {
            writer.WriteNullValue();
            return;
        }
        WriteNode(writer, node, details);
    }

    private static void WriteNode(Utf8JsonWriter writer, LineageTreeNode node, IReadOnlyDictionary<string, ModelDetails> details)
    {
        writer.WriteStartObject();
        writer.WriteString("id", node.Id);
        if (node.Relation is { } relation)
        {
            writer.WriteString("relation", relation.Name());
        }
        else
        {
            writer.WriteNull("relation");
        }
        var known = details.TryGetValue(node.Id, out var d) && !node.External;
        writer.WriteStartArray("licenses");
        foreach (var license in known ? d!.Licenses : [])
        {
            writer.WriteStringValue(license);
        }
        writer.WriteEndArray();
        if (known && d!.Downloads is { } downloads)
        {
            writer.WriteNumber("downloads", downloads);
        }
        else
        {
            writer.WriteNull("downloads");
        }
        writer.WriteBoolean("external", node.External);
        writer.WriteBoolean("repeated", node.Repeated);
        writer.WriteNumber("hiddenBelow", node.HiddenBelow);
        writer.WriteStartArray("children");
        foreach (var child in node.Children)
        {
            WriteNode(writer, child, details);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
