namespace Kinship.Lineage.Hub;

/// <summary>
/// Combines the sources of a record's parents and licenses: tags, card metadata and table columns are unioned
/// (one link per parent id); tag/card disagreements are recorded; licenses come from tags, else from the card.
/// </summary>
public static class ModelRecordAssembly
{
    /// <summary>Fills <see cref="ModelRecord.Licenses"/>, languages, datasets, arXiv ids, parents and disagreements from tags, card and table parents.</summary>
    public static ModelRecord Complete(ModelRecord record, CardMetadata card, IEnumerable<ParentLink>? tableParents = null, IReadOnlyList<string>? tableLicenses = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(card);
        var facts = TagGrammar.Parse(record.Tags);
        var parents = new ParentSet();
        parents.AddRange(facts.Parents);
        parents.AddRange(card.ParentLinks());
        if (tableParents is not null)
        {
            parents.AddRange(tableParents);
        }
        var licenses = facts.Licenses.Count > 0 ? facts.Licenses
            : tableLicenses is { Count: > 0 } ? tableLicenses
            : card.Licenses;
        return record with
        {
            Licenses = licenses,
            Languages = facts.Languages,
            OtherLanguages = facts.OtherLanguages,
            Datasets = facts.Datasets,
            ArxivIds = facts.ArxivIds,
            Parents = parents.ToList(),
            ParentDisagreements = Disagreements(facts.Parents, card.BaseModels),
        };
    }

    /// <summary>Parent ids named by only one of tags and card; empty when they agree or either side is silent.</summary>
    public static IReadOnlyList<string> Disagreements(IReadOnlyList<ParentLink> tagParents, IReadOnlyList<string> cardParents)
    {
        if (tagParents.Count == 0 || cardParents.Count == 0)
        {
            return [];
        }
        List<string>? result = null;
        foreach (var link in tagParents)
        {
            if (!cardParents.Contains(link.Parent, StringComparer.Ordinal))
            {
                (result ??= []).Add(link.Parent);
            }
        }
        foreach (var parent in cardParents)
        {
            if (!tagParents.Any(link => string.Equals(link.Parent, parent, StringComparison.Ordinal)))
            {
                (result ??= []).Add(parent);
            }
        }
        return (IReadOnlyList<string>?)result ?? [];
    }

    /// <summary>The owner part of an <c>owner/name</c> id, or null for a bare legacy id.</summary>
    public static string? OwnerOf(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? id[..slash] : null;
    }
}
