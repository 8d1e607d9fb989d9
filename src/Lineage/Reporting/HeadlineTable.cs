namespace Kinship.Lineage.Reporting;

/// <summary>
/// The study's headline lists (§5, Figure 1): top licenses as a share of all models, tasks as a share of models with a
/// task, languages as a share of models declaring one, libraries as a share of models with a library.
/// </summary>
public sealed record HeadlineTable(long Models, ShareTable Licenses, ShareTable Tasks, ShareTable Languages, ShareTable Libraries)
{
    /// <summary>Counts the traits of every model and keeps the <paramref name="top"/> values of each (ties by ordinal value).</summary>
    public static HeadlineTable Compute(IEnumerable<ModelTraits> models, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(models);
        var licenses = new Dictionary<string, long>(StringComparer.Ordinal);
        var tasks = new Dictionary<string, long>(StringComparer.Ordinal);
        var languages = new Dictionary<string, long>(StringComparer.Ordinal);
        var libraries = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0, withTask = 0, withLanguage = 0, withLibrary = 0;
        foreach (var m in models)
        {
            total++;
            foreach (var license in m.Licenses.Distinct(StringComparer.Ordinal))
            {
                licenses[license] = licenses.GetValueOrDefault(license) + 1;
            }
            if (!string.IsNullOrEmpty(m.Task))
            {
                withTask++;
                tasks[m.Task] = tasks.GetValueOrDefault(m.Task) + 1;
            }
            if (m.Languages.Count > 0)
            {
                withLanguage++;
                foreach (var language in m.Languages.Distinct(StringComparer.Ordinal))
                {
                    languages[language] = languages.GetValueOrDefault(language) + 1;
                }
            }
            if (!string.IsNullOrEmpty(m.Library))
            {
                withLibrary++;
                libraries[m.Library] = libraries.GetValueOrDefault(m.Library) + 1;
            }
        }
        return new HeadlineTable(total,
            Table("license", "all models", total, licenses, top),
            Table("task", "models with a task", withTask, tasks, top),
            Table("language", "models declaring a language", withLanguage, languages, top),
            Table("library", "models with a library", withLibrary, libraries, top));
    }

    private static ShareTable Table(string trait, string label, long denominator, Dictionary<string, long> counts, int top) =>
        new(trait, label, denominator, [.. counts
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(top)
            .Select(kv => new ShareRow(kv.Key, kv.Value, denominator == 0 ? 0 : (double)kv.Value / denominator))]);
}
