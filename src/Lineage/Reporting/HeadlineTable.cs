using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Reporting;

/// <summary>
/// The study's headline lists (§5, Figure 1): top licenses as a share of all models, tasks as a share of models with a
/// task, languages as a share of models declaring one, libraries as a share of models with a library.
/// </summary>
public sealed record HeadlineTable(long Models, ShareTable Licenses, ShareTable Tasks, ShareTable Languages, ShareTable Libraries)
{
    /// <summary>Counts the traits of every model and keeps the <paramref name="top"/> values of each (ties by ordinal value).</summary>
    public static HeadlineTable Compute(NodeTraits traits, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(traits);
        return new HeadlineTable(traits.NodeCount,
            Table("license", "all models", traits.NodeCount, traits.Licenses, top),
            Table("task", "models with a task", Declaring(traits.Tasks), traits.Tasks, top),
            Table("language", "models declaring a language", Declaring(traits.Languages), traits.Languages, top),
            Table("library", "models with a library", Declaring(traits.Libraries), traits.Libraries, top));
    }

    private static long Declaring(TraitColumn column)
    {
        long count = 0;
        for (var node = 0; node < column.NodeCount; node++)
        {
            if (column.Declares(node)) count++;
        }
        return count;
    }

    private static ShareTable Table(string trait, string label, long denominator, TraitColumn column, int top) =>
        Table(trait, label, denominator, Enumerable.Range(0, column.Vocabulary.Count).ToDictionary(v => column.Vocabulary[v], v => (long)column.Carriers(v), StringComparer.Ordinal), top);

    private static ShareTable Table(string trait, string label, long denominator, Dictionary<string, long> counts, int top) =>
        new(trait, label, denominator, [.. counts
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(top)
            .Select(kv => new ShareRow(kv.Key, kv.Value, denominator == 0 ? 0 : (double)kv.Value / denominator))]);
}
