using System.Globalization;
using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Tests.Genealogy;

/// <summary>
/// The statistics of issue 3 computed the plain way, over string-keyed dictionaries, sharing no code with the
/// production graph: SCCs by Kosaraju (production: Tarjan), generations by memoised recursion, families by BFS.
/// Recursion is fine here: the weekly data's chains are short.
/// </summary>
internal sealed class IndependentGenealogy
{
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _component = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> _members = [];
    private readonly Dictionary<int, int> _componentGeneration = [];

    /// <param name="rows">The final row of every model.</param>
    /// <param name="keeps">Which relations (Hub names) are edges.</param>
    /// <param name="created">A model's creation time, or null when the catalog does not know it.</param>
    public IndependentGenealogy(List<WeeklyFiles.Row> rows, Func<string, bool> keeps, Func<WeeklyFiles.Row, DateTimeOffset?> created)
    {
        var models = new HashSet<string>(rows.Select(r => r.Id), StringComparer.Ordinal);
        var createdAt = rows.ToDictionary(r => r.Id, created, StringComparer.Ordinal);
        foreach (var id in models)
        {
            _children[id] = [];
            _parents[id] = [];
        }
        int finetune = 0, adapter = 0, quantized = 0, merge = 0, unknown = 0;
        var danglingParents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var relation = row.Type.Length == 0 ? "unknown" : row.Type;
            var distinct = row.Parents.Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Contains(row.Id))
            {
                SelfReferences++;
            }
            if (distinct.Count(p => p != row.Id) >= 2)
            {
                MultiParent++;
            }
            foreach (var parent in distinct.Where(p => p != row.Id))
            {
                if (!keeps(relation))
                {
                    continue;
                }
                if (!models.Contains(parent))
                {
                    Dangling++;
                    danglingParents.Add(parent);
                    continue;
                }
                _children[parent].Add(row.Id);
                _parents[row.Id].Add(parent);
                switch (relation)
                {
                    case "finetune": finetune++; break;
                    case "adapter": adapter++; break;
                    case "quantized": quantized++; break;
                    case "merge": merge++; break;
                    default: unknown++; break;
                }
            }
        }
        Models = models.Count;
        Edges = new EdgeCounts(finetune, adapter, quantized, merge, unknown);
        DanglingParents = danglingParents.Count;
        WithParents = _parents.Count(p => p.Value.Count > 0);

        Kosaraju(models);
        Cycles = _members.Count(m => m.Value.Count > 1);
        var generation = models.ToDictionary(id => id, id => ComponentGeneration(_component[id]), StringComparer.Ordinal);
        var maxGeneration = generation.Values.DefaultIfEmpty(-1).Max();
        Generations = [.. Enumerable.Range(0, maxGeneration + 1).Select(g => generation.Values.Count(x => x == g))];

        // Families by breadth-first search over both directions.
        var family = new Dictionary<string, int>(StringComparer.Ordinal);
        var familyMembers = new List<List<string>>();
        foreach (var id in models.Order(StringComparer.Ordinal))
        {
            if (family.ContainsKey(id))
            {
                continue;
            }
            var members = new List<string> { id };
            family[id] = familyMembers.Count;
            for (var i = 0; i < members.Count; i++)
            {
                foreach (var next in _children[members[i]].Concat(_parents[members[i]]))
                {
                    if (family.TryAdd(next, familyMembers.Count))
                    {
                        members.Add(next);
                    }
                }
            }
            familyMembers.Add(members);
        }
        Families = familyMembers.Count;
        var summaries = familyMembers.Select(members =>
        {
            var root = members.Where(m => generation[m] == 0)
                .Select(m => (Id: m, Descendants: CountDescendants(m)))
                .OrderByDescending(c => c.Descendants).ThenBy(c => c.Id, StringComparer.Ordinal).First().Id;
            return (Members: members, Summary: new FamilySummary(root, members.Count, members.Max(m => generation[m])));
        }).OrderByDescending(f => f.Summary.Size).ThenBy(f => f.Summary.Root, StringComparer.Ordinal).Take(10).ToList();
        LargestFamilies = [.. summaries.Select(s => s.Summary)];

        TopParents = [.. _children.Where(c => c.Value.Count > 0).OrderByDescending(c => c.Value.Count).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(10).Select(c => new ParentSummary(c.Key, c.Value.Count))];

        LongestChains = [.. models.Where(m => _children[m].Count == 0 && _parents[m].Count > 0)
            .OrderByDescending(m => generation[m]).ThenBy(m => m, StringComparer.Ordinal).Take(10)
            .Select(leaf => string.Join(" > ", Chain(leaf, generation)))];

        var bins = new SortedDictionary<int, int>();
        foreach (var members in familyMembers)
        {
            var bin = (int)Math.Floor(Math.Log2(members.Count));
            bins[bin] = bins.GetValueOrDefault(bin) + 1;
        }
        Histogram = familyMembers.Count == 0 ? [] : [.. Enumerable.Range(0, bins.Keys.Max() + 1).Select(b => new SizeBin(1 << b, (2 << b) - 1, bins.GetValueOrDefault(b)))];

        Growth = [.. summaries.Select(s =>
        {
            var dated = s.Members.Where(m => createdAt[m] is not null).ToList();
            var byMonth = dated.GroupBy(m => createdAt[m]!.Value.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)).OrderBy(g => g.Key, StringComparer.Ordinal);
            var total = 0;
            return $"{s.Summary.Root} {s.Members.Count - dated.Count} " + string.Join(",", byMonth.Select(g => $"{g.Key}={total += g.Count()}"));
        })];
    }

    public int Models { get; }
    public EdgeCounts Edges { get; }
    public int Dangling { get; }
    public int DanglingParents { get; }
    public int SelfReferences { get; }
    public int MultiParent { get; }
    public int WithParents { get; }
    public int Families { get; }
    public List<FamilySummary> LargestFamilies { get; }
    public List<ParentSummary> TopParents { get; }
    public int Cycles { get; }
    public List<int> Generations { get; }
    public List<string> LongestChains { get; }
    public List<SizeBin> Histogram { get; }
    public List<string> Growth { get; }

    private void Kosaraju(HashSet<string> models)
    {
        var finished = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Forward(string v)
        {
            seen.Add(v);
            foreach (var w in _children[v])
            {
                if (!seen.Contains(w)) Forward(w);
            }
            finished.Add(v);
        }
        void Backward(string v, int component)
        {
            _component[v] = component;
            _members[component].Add(v);
            foreach (var w in _parents[v])
            {
                if (!_component.ContainsKey(w)) Backward(w, component);
            }
        }
        foreach (var id in models)
        {
            if (!seen.Contains(id)) Forward(id);
        }
        for (var i = finished.Count - 1; i >= 0; i--)
        {
            if (!_component.ContainsKey(finished[i]))
            {
                _members[_members.Count] = [];
                Backward(finished[i], _members.Count - 1);
            }
        }
    }

    private int ComponentGeneration(int component)
    {
        if (_componentGeneration.TryGetValue(component, out var known))
        {
            return known;
        }
        var generation = 0;
        foreach (var member in _members[component])
        {
            foreach (var parent in _parents[member])
            {
                if (_component[parent] != component)
                {
                    generation = Math.Max(generation, ComponentGeneration(_component[parent]) + 1);
                }
            }
        }
        _componentGeneration[component] = generation;
        return generation;
    }

    private int CountDescendants(string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        var queue = new Queue<string>([id]);
        while (queue.Count > 0)
        {
            foreach (var child in _children[queue.Dequeue()])
            {
                if (seen.Add(child)) queue.Enqueue(child);
            }
        }
        return seen.Count - 1;
    }

    /// <summary>Walks up from the leaf: smallest-id parent one generation up; inside a cycle, breadth-first to the nearest member that has one.</summary>
    private List<string> Chain(string leaf, Dictionary<string, int> generation)
    {
        string? Up(string v) => _parents[v].Where(p => _component[p] != _component[v] && generation[p] == generation[v] - 1)
            .Order(StringComparer.Ordinal).FirstOrDefault();
        var chain = new List<string> { leaf };
        var current = leaf;
        while (generation[current] > 0)
        {
            if (Up(current) is { } up)
            {
                chain.Add(up);
                current = up;
                continue;
            }
            var from = new Dictionary<string, string?>(StringComparer.Ordinal) { [current] = null };
            var queue = new Queue<string>([current]);
            string? target = null;
            while (target is null)
            {
                var x = queue.Dequeue();
                foreach (var p in _parents[x].Where(p => _component[p] == _component[current]).Order(StringComparer.Ordinal))
                {
                    if (!from.TryAdd(p, x)) continue;
                    if (Up(p) is not null) { target = p; break; }
                    queue.Enqueue(p);
                }
            }
            var inside = new List<string>();
            for (var x = target; x != current; x = from[x]!) inside.Add(x);
            inside.Reverse();
            chain.AddRange(inside);
            current = target;
        }
        chain.Reverse();
        return chain;
    }
}
