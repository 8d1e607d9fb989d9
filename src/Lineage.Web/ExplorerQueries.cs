using System.Collections.Concurrent;
using System.Globalization;
using Kinship.Lineage.Compliance;
using Kinship.Lineage.Drift;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Web;

/// <summary>
/// The answers behind every page, computed from an <see cref="ExplorerCatalog"/>: pure reads of immutable arrays, safe
/// from any number of request threads. Family answers are cached (a family's figures never change while serving).
/// </summary>
internal sealed class ExplorerQueries(ExplorerCatalog catalog)
{
    /// <summary>Most lines a tree answer pages in per node.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Deepest tree an answer walks in either direction.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most values shown in a trait mix before the rest is folded into "(other)".</summary>
    public const int MixValues = 8;

    /// <summary>Most transitions whose edge lists are kept between requests (each list is sorted once).</summary>
    private const int CachedTransitions = 256;

    private readonly ConcurrentDictionary<int, FamilyAnswer> _families = new();
    private readonly ConcurrentDictionary<(Trait, int, int), TransitionEdge[]> _transitions = new();
    private LineageGraph Graph => catalog.Graph;

    public int IndexOf(string id) => Graph.IndexOf(id);

    /// <summary>How many models declare <paramref name="id"/> as a parent although it is not a model.</summary>
    public int DeclaredBy(string id)
    {
        var count = 0;
        foreach (var d in catalog.Snapshot.Dangling)
        {
            count += string.Equals(d.MissingParent, id, StringComparison.Ordinal) ? 1 : 0;
        }
        return count;
    }

    public SearchAnswer Search(string query, string? author, int limit)
    {
        var (hits, total) = catalog.Search.Find(query, author, Math.Clamp(limit, 0, 100), catalog.Downloads);
        var results = hits.Select(h =>
        {
            var family = catalog.Analysis.Families.Of[h.Node];
            var id = Graph.IdOf(h.Node);
            return new SearchHit(id, AuthorOf(id), MatchName(h.Kind), Downloads(h.Node), Graph.IdOf(catalog.Analysis.FamilyRoots[family]),
                catalog.Analysis.Families.Sizes[family], Graph.InDegree(h.Node) + catalog.Snapshot.DanglingOf(h.Node).Length,
                Graph.OutDegree(h.Node), ChildrenByRelation(h.Node), catalog.Traits.Licenses.ValuesOf(h.Node), Single(catalog.Traits.Tasks, h.Node));
        }).ToList();
        return new SearchAnswer(query, author, total, results);
    }

    public ModelAnswer Model(int node)
    {
        var family = catalog.Analysis.Families.Of[node];
        var audit = ComplianceAudit.Audit(Graph, catalog.Traits, node, catalog.Compliance);
        var (descendants, down) = Distances(node, upward: false);
        var (ancestors, up) = Distances(node, upward: true);
        return new ModelAnswer(
            View(node),
            FamilyOf(family),
            ParentLinks(node),
            ChildrenByRelation(node),
            descendants, ancestors, up, down,
            (int)audit.EdgesChecked, audit.Findings.Count);
    }

    /// <summary>
    /// The tree around <paramref name="node"/>: ancestors <paramref name="up"/> generations up (to the roots by default),
    /// with declared parents missing from the catalog; descendants <paramref name="down"/> generations down, the model's
    /// own children from <paramref name="offset"/> and every deeper node's first <paramref name="limit"/> children. A
    /// model reached twice (a merge) is expanded once; later lines are marked repeated.
    /// </summary>
    public TreeAnswer Tree(int node, int up, int down, int offset, int limit)
    {
        up = Math.Clamp(up, 0, MaxDepth);
        down = Math.Clamp(down, 0, MaxDepth);
        limit = Math.Clamp(limit, 1, MaxLimit);
        offset = Math.Max(0, offset);
        TreeLine? ancestors = null;
        if (up > 0)
        {
            var tree = LineageTreeBuilder.Build(catalog.Snapshot, node, up: true, down: false, up, includeExternal: true);
            ancestors = AncestorLine(tree.Ancestors!, node, below: -1);
        }
        var descendants = DescendantLines(node, down, offset, limit);
        return new TreeAnswer(Graph.IdOf(node), up, down, offset, limit, ancestors, descendants);
    }

    public FamilyAnswer Family(int node)
    {
        var answer = _families.GetOrAdd(catalog.Analysis.Families.Of[node], family => ComputeFamily(node, family));
        var id = Graph.IdOf(node);
        return answer.Model == id ? answer : answer with { Model = id }; // cached per family, asked from any member
    }

    // Ancestor lines come from LineageTreeBuilder (each model expanded once, external parents as placeholders);
    // `below` is the line this parent was reached from, -1 on the model itself.
    private TreeLine AncestorLine(LineageTreeNode line, int node, int below)
    {
        var relation = line.Relation;
        var lines = new List<TreeLine>(line.Children.Count);
        foreach (var parent in line.Children)
        {
            if (parent.External)
            {
                lines.Add(new TreeLine(MissingView(parent.Id), parent.Relation?.Name(), MissingVerdict, false, 0, 0, null, [], null));
                continue;
            }
            lines.Add(AncestorLine(parent, Graph.IndexOf(parent.Id), node));
        }
        var total = Graph.InDegree(node) + catalog.Snapshot.DanglingOf(node).Length;
        return new TreeLine(View(node), relation?.Name(), below < 0 || relation is null ? null : EdgeVerdict(node, below, relation.Value),
            line.Repeated, total, 0, null, lines, null);
    }

    private TreeLine DescendantLines(int start, int down, int offset, int limit)
    {
        // Breadth-first so that a model reached along several lines is expanded at its shallowest one.
        var emitted = new HashSet<int> { start };
        var pending = new List<(int Node, int Depth, List<TreeLine> Into, int Parent, Relation Relation)>();
        var rootLines = new List<TreeLine>();
        var root = Page(start, down > 0 ? offset : 0, down > 0 ? limit : 0, rootLines, null, null, repeated: false);
        Enqueue(start, 0, rootLines, offset);
        for (var i = 0; i < pending.Count; i++)
        {
            var (node, depth, into, parent, relation) = pending[i];
            var fresh = emitted.Add(node);
            var lines = new List<TreeLine>();
            var expand = fresh && depth < down;
            into.Add(Page(node, 0, expand ? limit : 0, lines, relation, EdgeVerdict(parent, node, relation), repeated: !fresh));
            if (expand)
            {
                Enqueue(node, depth, lines, 0);
            }
        }
        return root;

        void Enqueue(int node, int depth, List<TreeLine> into, int from)
        {
            if (depth >= down)
            {
                return;
            }
            var children = Graph.Children(node);
            var relations = Graph.ChildRelations(node);
            var end = Math.Min(children.Length, from + limit);
            for (var c = from; c < end; c++)
            {
                pending.Add((children[c], depth + 1, into, node, relations[c]));
            }
        }
    }

    private TreeLine Page(int node, int offset, int limit, List<TreeLine> lines, Relation? relation, Verdict? verdict, bool repeated)
    {
        var total = Graph.OutDegree(node);
        var shownEnd = Math.Min(total, offset + limit);
        int? next = limit > 0 && shownEnd < total ? shownEnd : null;
        var allParents = Graph.InDegree(node) + catalog.Snapshot.DanglingOf(node).Length > 1 ? ParentLinks(node) : null;
        return new TreeLine(View(node), relation?.Name(), verdict, repeated, total, limit > 0 ? offset : 0, next, lines, allParents);
    }

    private List<ParentLink> ParentLinks(int node)
    {
        var parents = Graph.Parents(node);
        var relations = Graph.ParentRelations(node);
        var links = new List<ParentLink>(parents.Length);
        for (var i = 0; i < parents.Length; i++)
        {
            links.Add(new ParentLink(Graph.IdOf(parents[i]), true, relations[i].Name(), EdgeVerdict(parents[i], node, relations[i])));
        }
        foreach (var d in catalog.Snapshot.DanglingOf(node))
        {
            links.Add(new ParentLink(d.MissingParent, false, d.Relation.Name(), MissingVerdict));
        }
        links.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return links;
    }

    private static readonly Verdict MissingVerdict = new("unknown", [], "the parent is not in the catalog: its license cannot be checked");
    private static readonly Verdict UncheckedVerdict = new("unchecked", [], "the parent declares no license: no rule applies");
    private static readonly Verdict OkVerdict = new("ok", [], null);

    /// <summary>The license verdict of one edge: the rules of <see cref="LicenseCompliance.Check"/> (the <c>audit</c> rules).</summary>
    private Verdict EdgeVerdict(int parent, int child, Relation relation)
    {
        var parentLicenses = catalog.Traits.Licenses.ValuesOf(parent);
        if (parentLicenses.Length == 0)
        {
            return UncheckedVerdict;
        }
        var violations = catalog.Compliance.Check(relation, parentLicenses, catalog.Traits.Licenses.ValuesOf(child), catalog.Traits.LicenseReference(child));
        if (violations.Count == 0)
        {
            return OkVerdict;
        }
        return new Verdict("violation",
            [.. violations.Select(v => new RuleView(v.Rule.Name(), v.Severity.ToString().ToLowerInvariant(), v.License, v.Rule.Description()))], null);
    }

    // Models at each distance 1, 2, ... (shallowest), and their total.
    private (int Total, List<int> PerGeneration) Distances(int node, bool upward)
    {
        var seen = new HashSet<int> { node };
        var frontier = new List<int> { node };
        var perGeneration = new List<int>();
        var total = 0;
        while (frontier.Count > 0)
        {
            var next = new List<int>();
            foreach (var v in frontier)
            {
                foreach (var w in upward ? Graph.Parents(v) : Graph.Children(v))
                {
                    if (seen.Add(w))
                    {
                        next.Add(w);
                    }
                }
            }
            if (next.Count > 0)
            {
                perGeneration.Add(next.Count);
                total += next.Count;
            }
            frontier = next;
        }
        return (total, perGeneration);
    }

    private FamilyAnswer ComputeFamily(int node, int family)
    {
        var analysis = catalog.Analysis;
        var statistics = GenealogyStatisticsCalculator.ComputeFamily(catalog.Snapshot, analysis, node);
        var s = statistics.Statistics;
        var root = analysis.FamilyRoots[family];
        var members = analysis.MembersOf(family);
        var depth = analysis.FamilyMaxDepth[family];
        var growth = s.Growth.Count > 0 ? s.Growth[0] : new FamilyGrowth(statistics.Root, [], 0);
        var generations = new int[depth + 1];
        foreach (var m in members)
        {
            generations[analysis.Generation[m]]++;
        }
        return new FamilyAnswer(
            Graph.IdOf(node), statistics.Root, members.Length, depth,
            Relations.All.ToDictionary(r => r.Name(), r => s.Edges.Of(r)),
            s.DanglingEdges, s.Cycles, generations,
            [.. growth.Months.Select(m => new GrowthPoint(m.Month, m.Models))], growth.Undated,
            TopBranches(root),
            Mix(members, depth, catalog.Traits.Licenses),
            Mix(members, depth, catalog.Traits.Languages),
            s.LongestChains.Count > 0 ? s.LongestChains[0] : [statistics.Root]);
    }

    private List<Branch> TopBranches(int root)
    {
        var children = Graph.Children(root);
        var relations = Graph.ChildRelations(root);
        var branches = new List<Branch>(children.Length);
        var stamp = new int[Graph.NodeCount];
        var queue = new List<int>();
        for (var c = 0; c < children.Length; c++)
        {
            // One breadth-first walk per branch; stamps are branch numbers, so nothing is cleared between walks.
            var mark = c + 1;
            queue.Clear();
            queue.Add(children[c]);
            stamp[children[c]] = mark;
            for (var h = 0; h < queue.Count; h++)
            {
                var u = queue[h];
                foreach (var w in Graph.Children(u))
                {
                    if (stamp[w] != mark && w != root)
                    {
                        stamp[w] = mark;
                        queue.Add(w);
                    }
                }
            }
            branches.Add(new Branch(Graph.IdOf(children[c]), relations[c].Name(), queue.Count));
        }
        branches.Sort(static (a, b) => a.Size != b.Size ? b.Size.CompareTo(a.Size) : string.CompareOrdinal(a.Id, b.Id));
        return branches.Count > 10 ? branches[..10] : branches;
    }

    // The trait's values per generation: the family's most carried values, the rest as "(other)", no value as "(none)".
    private List<GenerationMix> Mix(int[] members, int depth, Traits.TraitColumn column)
    {
        var overall = new Dictionary<int, int>();
        foreach (var m in members)
        {
            foreach (var value in column.Of(m))
            {
                overall[value] = overall.GetValueOrDefault(value) + 1;
            }
        }
        var top = overall.OrderByDescending(p => p.Value).ThenBy(p => column.Vocabulary[p.Key], StringComparer.Ordinal)
            .Take(MixValues).Select(p => p.Key).ToArray();
        var counts = new int[depth + 1, top.Length + 2];
        var models = new int[depth + 1];
        foreach (var m in members)
        {
            var g = catalog.Analysis.Generation[m];
            models[g]++;
            var values = column.Of(m);
            if (values.Length == 0)
            {
                counts[g, top.Length + 1]++;
                continue;
            }
            var other = false;
            foreach (var value in values)
            {
                var slot = Array.IndexOf(top, value);
                if (slot >= 0)
                {
                    counts[g, slot]++;
                }
                else
                {
                    other = true;
                }
            }
            counts[g, top.Length] += other ? 1 : 0;
        }
        var result = new List<GenerationMix>(depth + 1);
        for (var g = 0; g <= depth; g++)
        {
            var values = new List<ValueCount>(top.Length + 2);
            for (var t = 0; t < top.Length; t++)
            {
                values.Add(new ValueCount(column.Vocabulary[top[t]], counts[g, t]));
            }
            values.Add(new ValueCount("(other)", counts[g, top.Length]));
            values.Add(new ValueCount("(none)", counts[g, top.Length + 1]));
            result.Add(new GenerationMix(g, models[g], values));
        }
        return result;
    }

    /// <summary>
    /// One page of the catalog edges behind the drift transition <paramref name="from"/> → <paramref name="to"/> of
    /// <paramref name="trait"/> (<see cref="TransitionEdges"/>, on the served <c>all</c> graph), by child id then parent id.
    /// </summary>
    public DriftEdgesAnswer DriftEdges(Trait trait, string traitName, string from, string to, int offset, int limit)
    {
        offset = Math.Max(0, offset);
        limit = Math.Clamp(limit, 1, MaxLimit);
        var column = catalog.Traits.Column(trait);
        var (f, t) = (column.IdOf(from), column.IdOf(to));
        if (!_transitions.TryGetValue((trait, f, t), out var edges))
        {
            var found = TransitionEdges.Find(Graph, column, f, t);
            found.Sort((x, y) => string.CompareOrdinal(Graph.IdOf(x.Child), Graph.IdOf(y.Child)) is var c && c != 0 ? c
                : string.CompareOrdinal(Graph.IdOf(x.Parent), Graph.IdOf(y.Parent)) is var p && p != 0 ? p : x.Relation.CompareTo(y.Relation));
            edges = [.. found];
            if (_transitions.Count < CachedTransitions)
            {
                _transitions.TryAdd((trait, f, t), edges);
            }
        }
        var transitions = 0L;
        foreach (var edge in edges)
        {
            transitions += edge.Transitions;
        }
        var page = edges.Skip(offset).Take(limit).Select(e => new DriftEdgeView(Graph.IdOf(e.Parent), Graph.IdOf(e.Child), e.Relation.Name(), e.Transitions,
            column.ValuesOf(e.Parent), column.ValuesOf(e.Child))).ToList();
        var next = offset + page.Count < edges.Length ? offset + page.Count : (int?)null;
        return new DriftEdgesAnswer(traitName, from, to, edges.Length, transitions, offset, limit, next, page);
    }

    private FamilyRef FamilyOf(int family) => new(
        Graph.IdOf(catalog.Analysis.FamilyRoots[family]), catalog.Analysis.Families.Sizes[family], catalog.Analysis.FamilyMaxDepth[family]);

    private Dictionary<string, int> ChildrenByRelation(int node)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var relation in Graph.ChildRelations(node))
        {
            var name = relation.Name();
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
        return counts;
    }

    private NodeView View(int node)
    {
        var id = Graph.IdOf(node);
        var created = catalog.Snapshot.CreatedAtUnixMs[node];
        return new NodeView(id, true, AuthorOf(id), catalog.Traits.Licenses.ValuesOf(node), catalog.Traits.Languages.ValuesOf(node),
            Single(catalog.Traits.Tasks, node), Single(catalog.Traits.Libraries, node),
            created == GenealogySnapshot.UnknownTime ? null : DateTimeOffset.FromUnixTimeMilliseconds(created).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Downloads(node), catalog.Analysis.Generation[node],
            Graph.InDegree(node) + catalog.Snapshot.DanglingOf(node).Length, Graph.OutDegree(node));
    }

    private static NodeView MissingView(string id) => new(id, false, AuthorOf(id), [], [], null, null, null, null, null, 0, 0);

    private long? Downloads(int node) => catalog.Downloads[node] < 0 ? null : catalog.Downloads[node];

    private static string? Single(Traits.TraitColumn column, int node) => column.Declares(node) ? column.Vocabulary[column.Of(node)[0]] : null;

    private static string AuthorOf(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? id[..slash] : "";
    }

    private static string MatchName(ModelSearch.MatchKind kind) => kind switch
    {
        ModelSearch.MatchKind.Exact => "exact",
        ModelSearch.MatchKind.Prefix => "prefix",
        ModelSearch.MatchKind.NamePrefix => "name-prefix",
        _ => "substring",
    };
}
