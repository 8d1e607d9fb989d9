using System.Text.Json;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>Writes <see cref="GenealogyStatistics"/> as the JSON object of <c>lineage stats --json</c> (keys of issue 3, plus extras).</summary>
public static class GenealogyStatisticsJson
{
    /// <summary>The statistics as an indented JSON document.</summary>
    public static string Serialize(GenealogyStatistics statistics)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, statistics);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A family's statistics: <c>model</c> and <c>root</c>, then the same keys as <see cref="Write"/>.</summary>
    public static string Serialize(FamilyStatistics family)
    {
        ArgumentNullException.ThrowIfNull(family);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("model", family.Model);
            writer.WriteString("root", family.Root);
            WriteProperties(writer, family.Statistics);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the statistics as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, GenealogyStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteProperties(writer, statistics);
        writer.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter writer, GenealogyStatistics s)
    {
        ArgumentNullException.ThrowIfNull(s);
        writer.WriteString("variant", s.Variant.Name());
        writer.WriteNumber("models", s.Models);
        writer.WriteStartObject("edges");
        foreach (var relation in (ReadOnlySpan<Relation>)[Relation.Finetune, Relation.Adapter, Relation.Quantized, Relation.Merge, Relation.Unknown])
        {
            writer.WriteNumber(relation.Name(), s.Edges.Of(relation));
        }
        writer.WriteEndObject();
        writer.WriteNumber("danglingEdges", s.DanglingEdges);
        writer.WriteNumber("danglingParents", s.DanglingParents);
        writer.WriteNumber("selfReferences", s.SelfReferences);
        writer.WriteNumber("multiParentModels", s.MultiParentModels);
        writer.WriteNumber("modelsWithParents", s.ModelsWithParents);
        writer.WriteNumber("families", s.Families);
        writer.WriteStartArray("largestFamilies");
        foreach (var f in s.LargestFamilies)
        {
            writer.WriteStartObject();
            writer.WriteString("root", f.Root);
            writer.WriteNumber("size", f.Size);
            writer.WriteNumber("maxDepth", f.MaxDepth);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("topParents");
        foreach (var p in s.TopParents)
        {
            writer.WriteStartObject();
            writer.WriteString("id", p.Id);
            writer.WriteNumber("children", p.Children);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteNumber("cycles", s.Cycles);
        writer.WriteNumber("modelsInCycles", s.ModelsInCycles);
        writer.WriteStartObject("generations");
        for (var g = 0; g < s.Generations.Count; g++)
        {
            writer.WriteNumber(g.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Generations[g]);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("longestChains");
        foreach (var chain in s.LongestChains)
        {
            writer.WriteStartArray();
            foreach (var id in chain)
            {
                writer.WriteStringValue(id);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("familySizeHistogram");
        foreach (var bin in s.FamilySizeHistogram)
        {
            writer.WriteStartObject();
            writer.WriteNumber("min", bin.Min);
            writer.WriteNumber("max", bin.Max);
            writer.WriteNumber("families", bin.Families);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("growth");
        foreach (var g in s.Growth)
        {
            writer.WriteStartObject();
            writer.WriteString("root", g.Root);
            writer.WriteNumber("undated", g.Undated);
            writer.WriteStartObject("months");
            foreach (var m in g.Months)
            {
                writer.WriteNumber(m.Month, m.Models);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
