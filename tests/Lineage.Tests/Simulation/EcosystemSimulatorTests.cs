using System.Globalization;
using Kinship.Lineage.Simulation;

namespace Kinship.Lineage.Tests.Simulation;

public sealed class EcosystemSimulatorTests
{
    private static readonly Lazy<List<SimulatedModel>> Hub20K = new(() => SimulatedHub.Parse(SimulatedHub.Bytes(new SimulationOptions { Models = 20_000, Seed = 1 })));

    // The study's license categories (§4.3), written out here independently of the simulator.
    private static readonly HashSet<string> Commercial = ["gemma", "llama2", "llama3", "llama3.1", "llama3.2", "llama3.3"];
    private static readonly HashSet<string> UseRestricted = ["openrail", "openrail++", "creativeml-openrail-m", "bigscience-bloom-rail-1.0", "cc-by-nc-4.0", "cc-by-nc-sa-4.0", "cc-by-nc-nd-4.0"];
    private static readonly HashSet<string> Permissive = ["mit", "apache-2.0", "unlicense", "cc0-1.0", "cc", "artistic-2.0", "afl-3.0"];

    [Fact]
    public void Same_seed_writes_the_same_bytes_and_another_seed_different_ones()
    {
        var options = new SimulationOptions { Models = 3_000, Seed = 42, Cards = true };

        var first = SimulatedHub.Bytes(options);
        var second = SimulatedHub.Bytes(options);
        var other = SimulatedHub.Bytes(options with { Seed = 43 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Every_declared_parent_is_an_earlier_model_created_before_its_child()
    {
        var hub = Hub20K.Value;
        var byId = hub.ToDictionary(m => m.Id, StringComparer.Ordinal);

        Assert.Equal(hub.Count, byId.Count);
        foreach (var model in hub.Where(m => m.TypedParents.Count > 0))
        {
            Assert.Equal(model.TypedParents, model.UntypedParents);
            foreach (var parentId in model.TypedParents)
            {
                var parent = byId[parentId];
                Assert.True(parent.Index < model.Index, $"{model.Id} names {parentId}, which comes later");
                Assert.True(string.CompareOrdinal(parent.CreatedAt, model.CreatedAt) < 0, $"{model.Id} ({model.CreatedAt}) is not newer than its parent {parentId} ({parent.CreatedAt})");
            }
        }
        Assert.DoesNotContain(hub, m => m.UntypedParents.Count != m.TypedParents.Count);
    }

    [Fact]
    public void Merges_have_two_to_five_distinct_parents_and_every_other_child_exactly_one()
    {
        var hub = Hub20K.Value;

        foreach (var model in hub.Where(m => m.Relation is not null))
        {
            Assert.Equal(model.TypedParents.Count, model.TypedParents.Distinct(StringComparer.Ordinal).Count());
            if (model.Relation == "merge") Assert.InRange(model.TypedParents.Count, 2, 5);
            else Assert.Single(model.TypedParents);
        }
        Assert.Contains(hub, m => m.Relation == "merge" && m.TypedParents.Count == 5);
    }

    [Fact]
    public void About_29_percent_of_20000_models_have_a_parent_with_the_studys_edge_mix()
    {
        var hub = Hub20K.Value;
        var withParent = hub.Count(m => m.TypedParents.Count > 0);
        var edges = hub.Where(m => m.Relation is not null).GroupBy(m => m.Relation!).ToDictionary(g => g.Key, g => (double)g.Sum(m => m.TypedParents.Count));
        var total = edges.Values.Sum();

        Assert.Equal(5_819, withParent);
        Assert.InRange(withParent / 20_000.0, 0.275, 0.305);
        Assert.InRange(edges["adapter"] / total, 0.38, 0.46);
        Assert.InRange(edges["finetune"] / total, 0.29, 0.37);
        Assert.InRange(edges["quantized"] / total, 0.15, 0.21);
        Assert.InRange(edges["merge"] / total, 0.04, 0.10);
    }

    [Fact]
    public void Trait_marginals_are_near_the_studys()
    {
        var hub = SimulatedHub.Parse(SimulatedHub.Bytes(new SimulationOptions { Models = 50_000, Seed = 5 }));
        double Share(Func<SimulatedModel, bool> of, Func<SimulatedModel, bool> among) => (double)hub.Count(m => among(m) && of(m)) / hub.Count(among);

        Assert.InRange(Share(m => m.Licenses.Contains("apache-2.0"), _ => true), 0.13, 0.19);
        Assert.InRange(Share(m => m.Licenses.Contains("mit"), _ => true), 0.04, 0.08);
        Assert.InRange(Share(m => m.Languages.Contains("en"), m => m.Languages.Count > 0), 0.82, 0.92);
        Assert.InRange(Share(m => m.Languages.Count > 0, _ => true), 0.10, 0.18);
        Assert.InRange(Share(m => m.Task == "text-generation", m => m.Task is not null), 0.36, 0.46);
        Assert.InRange(Share(m => m.Library == "transformers", m => m.Library is not null), 0.57, 0.69);
        Assert.InRange(Share(m => m.Library == "peft", m => m.Library is not null), 0.10, 0.22);
    }

    [Fact]
    public void Directed_drift_never_makes_a_license_more_restrictive_and_the_null_model_does()
    {
        var directed = LicenseMoves(nullModel: false);
        var undirected = LicenseMoves(nullModel: true);

        Assert.Equal(0, directed.TowardRestrictive);
        Assert.True(directed.TowardPermissive > 20, $"directed: {directed}");
        Assert.True(undirected.TowardRestrictive > 10, $"null model: {undirected}");
        Assert.True((double)directed.TowardPermissive / directed.Changed > (double)undirected.TowardPermissive / undirected.Changed,
            $"directed {directed} vs null {undirected}");
        // Both mutate at the study's ~15% per edge where parent and child both declare a license.
        Assert.InRange((double)undirected.Changed / undirected.Edges, 0.11, 0.19);
        Assert.InRange((double)directed.Changed / directed.Edges, 0.08, 0.19);
    }

    [Fact]
    public void Directed_drift_keeps_english_only_children_english_only_and_the_null_model_does_not()
    {
        static int LeaveEnglishOnly(bool nullModel)
        {
            var hub = SimulatedHub.Parse(SimulatedHub.Bytes(new SimulationOptions { Models = 30_000, Seed = 9, NullModel = nullModel }));
            var byId = hub.ToDictionary(m => m.Id, StringComparer.Ordinal);
            var count = 0;
            foreach (var child in hub.Where(m => m.TypedParents.Count > 0 && m.Languages.Count > 0))
            {
                var parent = byId[child.TypedParents[0]];
                if (parent.Languages is ["en"] && child.Languages is not ["en"]) count++;
            }
            return count;
        }

        Assert.Equal(0, LeaveEnglishOnly(nullModel: false));
        Assert.True(LeaveEnglishOnly(nullModel: true) > 0);
    }

    [Fact]
    public void Cards_carry_front_matter_shorten_down_the_tree_and_turn_to_templates()
    {
        var hub = SimulatedHub.Parse(SimulatedHub.Bytes(new SimulationOptions { Models = 5_000, Seed = 3, Cards = true }));
        var byId = hub.ToDictionary(m => m.Id, StringComparer.Ordinal);

        Assert.All(hub, m => Assert.True(m.HasCardField));
        Assert.All(hub.Where(m => m.Card is not null), m => Assert.StartsWith("---\n", m.Card, StringComparison.Ordinal));
        var pairs = hub.Where(m => m.Card is not null && m.Relation is "finetune" or "adapter" or "quantized")
            .Select(m => (Child: m.Card!, Parent: byId[m.TypedParents[0]].Card))
            .Where(p => p.Parent is not null).ToList();
        Assert.True(pairs.Count > 500, $"{pairs.Count} parent-child card pairs");
        Assert.True(pairs.Average(p => p.Child.Length) < 0.7 * pairs.Average(p => p.Parent!.Length), "children's cards are not shorter");
        static bool Generated(string card) => card.Contains("automatically generated", StringComparison.OrdinalIgnoreCase) || card.Contains("generated automatically", StringComparison.OrdinalIgnoreCase);
        Assert.True(pairs.Count(p => Generated(p.Child)) > 5 * Math.Max(1, pairs.Count(p => Generated(p.Parent!))));
        foreach (var model in hub.Where(m => m.Card is not null && m.TypedParents.Count == 1))
        {
            Assert.Contains($"\nbase_model: {model.TypedParents[0]}\nbase_model_relation: {model.Relation}\n", model.Card, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Families_are_heavy_tailed_and_mostly_one_generation_deep()
    {
        var summary = EcosystemSimulator.Write(new SimulationOptions { Models = 20_000, Seed = 1 }, Stream.Null, cancellationToken: TestContext.Current.CancellationToken);
        var hub = Hub20K.Value;
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var model in hub) depth[model.Id] = model.TypedParents.Count == 0 ? 0 : 1 + model.TypedParents.Max(p => depth[p]);

        Assert.Equal(5_819, summary.ModelsWithParent);
        Assert.Equal(depth.Values.Max(), summary.MaxDepth);
        Assert.True(depth.Values.Count(d => d == 1) > 5 * depth.Values.Count(d => d >= 2), "generation 1 should dominate the derived models");
        Assert.True(summary.LargestFamilies[0].Size > 20 * summary.LargestFamilies[9].Size / 4, string.Join(", ", summary.LargestFamilies));
        Assert.Equal(summary.LargestFamilies.OrderByDescending(f => f.Size).Select(f => f.Size), summary.LargestFamilies.Select(f => f.Size));
    }

    private static LicenseMoveCounts LicenseMoves(bool nullModel)
    {
        var hub = SimulatedHub.Parse(SimulatedHub.Bytes(new SimulationOptions { Models = 30_000, Seed = 11, NullModel = nullModel }));
        var byId = hub.ToDictionary(m => m.Id, StringComparer.Ordinal);
        static int Rank(string license) => Commercial.Contains(license) ? 0 : UseRestricted.Contains(license) ? 1 : Permissive.Contains(license) ? 3 : 2;
        int edges = 0, changed = 0, towardPermissive = 0, towardRestrictive = 0;
        foreach (var child in hub.Where(m => m.TypedParents.Count > 0 && m.Licenses.Count > 0))
        {
            var parent = byId[child.TypedParents[0]];
            if (parent.Licenses.Count == 0) continue;
            edges++;
            if (parent.Licenses[0] == child.Licenses[0]) continue;
            changed++;
            var (from, to) = (Rank(parent.Licenses[0]), Rank(child.Licenses[0]));
            if (to > from && (from < 2 || to == 3)) towardPermissive++;
            if (to < from && (to < 2 || from == 3)) towardRestrictive++;
        }
        return new LicenseMoveCounts(edges, changed, towardPermissive, towardRestrictive);
    }

    private sealed record LicenseMoveCounts(int Edges, int Changed, int TowardPermissive, int TowardRestrictive)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Edges} edges, {Changed} changed, {TowardPermissive} toward permissive, {TowardRestrictive} toward restrictive");
    }
}
