using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Drift;

/// <summary>Small named graphs with hand-computed answers.</summary>
internal static class DriftGraphs
{
    /// <summary>
    /// The license cycle: root {apache-2.0} → ft {mit} (finetune), root → ad {apache-2.0, mit} (adapter),
    /// ft → q {} (quantized), ft and ad → m {llama3} (merge), m → back {apache-2.0} and m → both {apache-2.0, mit} (finetune).
    /// Transitions: apache→mit 3, mit→llama3 4, llama3→mit 2, apache→llama3 2, llama3→apache 4.
    /// </summary>
    public static (LineageGraph Graph, NodeTraits Traits) LicenseCycle()
    {
        string[] ids = ["root", "ft", "ad", "q", "m", "back", "both"];
        var graph = LineageGraph.Build(ids,
        [
            new(0, 1, Relation.Finetune), new(0, 2, Relation.Adapter), new(1, 3, Relation.Quantized),
            new(1, 4, Relation.Merge), new(2, 4, Relation.Merge), new(4, 5, Relation.Finetune), new(4, 6, Relation.Finetune),
        ]);
        string[][] licenses = [["apache-2.0"], ["mit"], ["apache-2.0", "mit"], [], ["llama3"], ["apache-2.0"], ["apache-2.0", "mit"]];
        return (graph, Traits(licenses.Select(l => new TraitRecord { Licenses = l }).ToArray()));
    }

    public static NodeTraits Traits(IReadOnlyList<TraitRecord> records)
    {
        var builder = new NodeTraits.Builder(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            builder.Set(i, records[i]);
        }
        return builder.Build();
    }
}
