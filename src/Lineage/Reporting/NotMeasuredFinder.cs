using Kinship.Lineage.Compliance;
using Kinship.Lineage.Drift;
using Kinship.Lineage.Similarity;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Reporting;

/// <summary>Finds what each analysis could not measure on this data (no declared trait, no qualifying edge, no DNA), with the counts.</summary>
public static class NotMeasuredFinder
{
    private static readonly (Trait Trait, string Name, string Article, string Plural)[] Traits =
    [
        (Trait.License, "license", "a license", "licenses"), (Trait.Language, "language", "a language", "languages"),
        (Trait.Task, "task", "a task", "tasks"), (Trait.Library, "library", "a library", "libraries"),
    ];

    /// <summary>Every not-measured entry of one run, in report order.</summary>
    public static IReadOnlyList<NotMeasured> Find(NodeTraits traits, long traitEdges, SimilarityResult similarity, MutationResult mutation,
        DriftResult drift, DocumentationDriftResult documentation, ComplianceResult compliance)
    {
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentNullException.ThrowIfNull(similarity);
        ArgumentNullException.ThrowIfNull(mutation);
        ArgumentNullException.ThrowIfNull(drift);
        ArgumentNullException.ThrowIfNull(documentation);
        ArgumentNullException.ThrowIfNull(compliance);
        var models = (long)traits.NodeCount;
        var declaring = Traits.ToDictionary(t => t.Trait, t => Declaring(traits.Column(t.Trait)));
        var list = new List<NotMeasured>();
        foreach (var (trait, _, article, plural) in Traits)
        {
            if (declaring[trait] == 0)
            {
                list.Add(new NotMeasured($"headline {plural}", "headline", $"no model in the catalog declares {article}", new Dictionary<string, long> { ["models"] = models, ["declaring"] = 0 }));
            }
        }

        foreach (var corpus in similarity.Corpora)
        {
            var pairs = similarity.PairsMeasured.GetValueOrDefault(corpus.Dna);
            if (corpus.Documents == 0)
            {
                list.Add(new NotMeasured($"similarity {corpus.Dna} DNA", "similarity", corpus.Dna == "card"
                    ? $"no model in the catalog has a hand-written card of at least {DnaDocuments.CardLength} characters (card DNA)"
                    : "no model in the catalog has its listing JSON (metadata DNA)",
                    new Dictionary<string, long> { ["models"] = models, ["withDna"] = 0, ["pairsMeasured"] = 0 }));
            }
            else if (pairs == 0)
            {
                list.Add(new NotMeasured($"similarity {corpus.Dna} DNA", "similarity", $"no sampled pair has {corpus.Dna} DNA on both models",
                    new Dictionary<string, long> { ["models"] = models, ["withDna"] = corpus.Documents, ["pairsMeasured"] = 0 }));
            }
        }
        foreach (var (pattern, instances) in similarity.Multiplicities)
        {
            if (instances == 0)
            {
                list.Add(new NotMeasured($"similarity pattern {pattern}", "similarity", $"the graph has no {pattern} instance",
                    new Dictionary<string, long> { ["instances"] = 0 }));
            }
        }
        var measuredDna = similarity.Corpora.Where(c => similarity.PairsMeasured.GetValueOrDefault(c.Dna) > 0).Select(c => c.Dna).ToHashSet(StringComparer.Ordinal);
        foreach (var check in similarity.Verdict.Where(v => v.Holds is null && measuredDna.Contains(v.Dna)).DistinctBy(v => (v.Dna, v.Claim)))
        {
            list.Add(new NotMeasured($"similarity verdict: {check.Claim} ({check.Dna} DNA)", "similarity", check.Evidence, new Dictionary<string, long>()));
        }

        foreach (var (trait, name, article, _) in Traits)
        {
            if (mutation[trait].Edges == 0)
            {
                list.Add(new NotMeasured($"mutation {name}", "mutation", declaring[trait] == 0
                    ? $"no model in the catalog declares {article}"
                    : $"no edge where parent and child both declare {article}",
                    new Dictionary<string, long> { ["edges"] = traitEdges, ["qualifyingEdges"] = 0, ["declaring"] = declaring[trait] }));
            }
        }
        foreach (var (trait, name, article, _) in Traits)
        {
            if (drift[trait].TransitionsTotal == 0)
            {
                list.Add(new NotMeasured($"drift {name}", "drift", declaring[trait] == 0
                    ? $"no model in the catalog declares {article}"
                    : $"no edge moves from one declared {name} to another",
                    new Dictionary<string, long> { ["edges"] = traitEdges, ["transitions"] = 0, ["declaring"] = declaring[trait] }));
            }
        }
        var withCard = 0L;
        foreach (var card in traits.Cards)
        {
            if (card.HasCard) withCard++;
        }
        var noLanguage = declaring[Trait.Language] == 0;
        (string Name, bool Missing, string Reason)[] documentationMeasures =
        [
            ("card length", documentation.Overall.CardLength.Edges == 0, withCard == 0 ? "no model in the catalog has a card" : "no edge where parent and child both have a card"),
            ("auto-generated share", documentation.Overall.AutoGenerated.Edges == 0, withCard == 0 ? "no model in the catalog has a card" : "no edge where parent and child both have a card"),
            ("has a card", withCard == 0, "no model in the catalog has a card"),
            ("declared languages", documentation.Overall.Languages.Edges == 0, noLanguage ? "no model in the catalog declares a language" : "no edge where parent and child both declare a language"),
            ("declared languages (all edges)", noLanguage, "no model in the catalog declares a language"),
        ];
        foreach (var (name, missing, reason) in documentationMeasures)
        {
            if (missing)
            {
                list.Add(new NotMeasured($"documentation {name}", "documentation", reason,
                    new Dictionary<string, long> { ["edges"] = traitEdges, ["qualifyingEdges"] = 0, ["modelsWithCard"] = withCard, ["declaringLanguage"] = declaring[Trait.Language] }));
            }
        }
        if (compliance.Overall.EdgesChecked == 0)
        {
            list.Add(new NotMeasured("compliance", "compliance", declaring[Trait.License] == 0
                ? "no model in the catalog declares a license"
                : "no edge whose parent declares a license",
                new Dictionary<string, long> { ["edges"] = traitEdges, ["edgesChecked"] = 0, ["declaring"] = declaring[Trait.License] }));
        }
        return list;
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
}
