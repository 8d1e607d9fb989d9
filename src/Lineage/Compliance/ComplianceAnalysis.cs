using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Compliance;

/// <summary>Checks every edge of a graph against the license rules and counts findings per relation, rule and license pair.</summary>
public static class ComplianceAnalysis
{
    /// <summary>
    /// Checks every edge whose parent declares a license. Findings are sorted high severity first, then by child and
    /// parent id, and capped at <paramref name="maxFindings"/> (counts always cover every finding).
    /// </summary>
    public static ComplianceResult Analyze(LineageGraph graph, NodeTraits traits, LicenseCompliance? checker = null, int maxFindings = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFindings);
        checker ??= new LicenseCompliance();
        var tally = new Tally();
        var licenses = new LicenseSets(traits.Licenses);
        for (var child = 0; child < graph.NodeCount; child++)
        {
            var parents = graph.Parents(child);
            var relations = graph.ParentRelations(child);
            for (var i = 0; i < parents.Length; i++)
            {
                CheckEdge(graph, traits, checker, licenses, parents[i], child, relations[i], tally);
            }
        }
        return tally.ToResult(maxFindings);
    }

    internal static void CheckEdge(LineageGraph graph, NodeTraits traits, LicenseCompliance checker, LicenseSets licenses,
        int parent, int child, Relation relation, Tally tally)
    {
        var parentLicenses = licenses.Of(parent);
        if (parentLicenses.Length == 0)
        {
            return;
        }
        var childLicenses = licenses.Of(child);
        var violations = checker.Check(relation, parentLicenses, childLicenses, traits.LicenseReference(child));
        tally.Add(relation, licenses.Key(parent), licenses.Key(child), violations.Count > 0);
        foreach (var v in violations)
        {
            tally.Add(new ComplianceFinding(graph.IdOf(parent), graph.IdOf(child), relation.Name(), parentLicenses, childLicenses, v.Rule, v.Severity, v.License));
        }
    }

    /// <summary>Per-node license sets as sorted string arrays, built once per node on first use.</summary>
    internal sealed class LicenseSets(TraitColumn column)
    {
        private readonly string[]?[] _cache = new string[]?[column.NodeCount];
        private readonly string?[] _keys = new string?[column.NodeCount];

        /// <summary>The node's sorted licenses joined by <c>+</c> (empty for none).</summary>
        public string Key(int node) => _keys[node] ??= string.Join('+', Of(node));

        public string[] Of(int node)
        {
            if (_cache[node] is { } cached)
            {
                return cached;
            }
            var values = column.ValuesOf(node);
            Array.Sort(values, StringComparer.Ordinal);
            return _cache[node] = values;
        }
    }

    internal sealed class Tally
    {
        private readonly long[] _checked = new long[Relations.All.Count];
        private readonly long[] _withFindings = new long[Relations.All.Count];
        private readonly long[,] _byRule = new long[Relations.All.Count, ComplianceRules.All.Count];
        private readonly Dictionary<(string Parent, string Child), (long Checked, long WithFindings)> _pairs = [];
        private readonly List<ComplianceFinding> _findings = [];

        public void Add(Relation relation, string parentKey, string childKey, bool hasFinding)
        {
            _checked[(int)relation]++;
            if (hasFinding)
            {
                _withFindings[(int)relation]++;
            }
            ref var pair = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_pairs, (parentKey, childKey), out _);
            pair = (pair.Checked + 1, pair.WithFindings + (hasFinding ? 1 : 0));
        }

        public void Add(ComplianceFinding finding)
        {
            Relations.TryParse(finding.Relation, out var relation);
            _byRule[(int)relation, (int)finding.Rule]++;
            _findings.Add(finding);
        }

        public ComplianceResult ToResult(int maxFindings)
        {
            var byRelation = new Dictionary<string, ComplianceCount>(StringComparer.Ordinal);
            long totalChecked = 0, totalWithFindings = 0;
            var totalByRule = new long[ComplianceRules.All.Count];
            foreach (var relation in Relations.All)
            {
                var r = (int)relation;
                if (_checked[r] == 0)
                {
                    continue;
                }
                totalChecked += _checked[r];
                totalWithFindings += _withFindings[r];
                var rules = new long[ComplianceRules.All.Count];
                for (var k = 0; k < rules.Length; k++)
                {
                    rules[k] = _byRule[r, k];
                    totalByRule[k] += rules[k];
                }
                byRelation[relation.Name()] = new ComplianceCount(_checked[r], _withFindings[r], RuleCounts(rules));
            }
            var pairs = _pairs
                .Select(kv => new LicensePairCompliance(kv.Key.Parent, kv.Key.Child, kv.Value.Checked, kv.Value.WithFindings))
                .OrderByDescending(p => p.EdgesWithFindings)
                .ThenByDescending(p => p.EdgesChecked)
                .ThenBy(p => p.Parent, StringComparer.Ordinal)
                .ThenBy(p => p.Child, StringComparer.Ordinal)
                .ToArray();
            var findings = _findings
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.Child, StringComparer.Ordinal)
                .ThenBy(f => f.Parent, StringComparer.Ordinal)
                .ThenBy(f => f.Rule)
                .Take(maxFindings)
                .ToArray();
            return new ComplianceResult(new ComplianceCount(totalChecked, totalWithFindings, RuleCounts(totalByRule)), byRelation, pairs, _findings.Count, findings);
        }

        private static Dictionary<string, long> RuleCounts(long[] counts)
        {
            var result = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var rule in ComplianceRules.All)
            {
                result[rule.Name()] = counts[(int)rule];
            }
            return result;
        }
    }
}
