namespace Kinship.Lineage.Web;

// The JSON shapes of the explorer's API (docs/formats-serve.md, `lineage serve`). Serialized camelCase; null fields are kept.

/// <summary>The catalog facts of one model.</summary>
internal sealed record NodeView(
    string Id, bool InCatalog, string Author, IReadOnlyList<string> Licenses, IReadOnlyList<string> Languages,
    string? Task, string? Library, string? CreatedAt, long? Downloads, int? Generation, int Parents, int Children);

/// <summary>The rules one parent→child edge breaks, or why it was not checked.</summary>
internal sealed record Verdict(string Status, IReadOnlyList<RuleView> Rules, string? Note);

/// <summary>One broken rule with its reason.</summary>
internal sealed record RuleView(string Rule, string Severity, string License, string Reason);

/// <summary>A parent link of a model: in the catalog or only declared.</summary>
internal sealed record ParentLink(string Id, bool InCatalog, string Relation, Verdict Verdict);

/// <summary>One line of a tree: the model, the edge to the line above, and the lines below (paged).</summary>
internal sealed record TreeLine(
    NodeView Node, string? Relation, Verdict? Verdict, bool Repeated, int Total, int Offset,
    int? NextOffset, IReadOnlyList<TreeLine> Lines, IReadOnlyList<ParentLink>? AllParents);

/// <summary>The answer of <c>/api/tree/{id}</c>.</summary>
internal sealed record TreeAnswer(string Id, int Up, int Down, int Offset, int Limit, TreeLine? Ancestors, TreeLine? Descendants);

/// <summary>A family named by its root.</summary>
internal sealed record FamilyRef(string Root, int Size, int Depth);

/// <summary>The answer of <c>/api/model/{id}</c>.</summary>
internal sealed record ModelAnswer(
    NodeView Model, FamilyRef Family, IReadOnlyList<ParentLink> Parents, IReadOnlyDictionary<string, int> ChildrenByRelation,
    int Descendants, int Ancestors, IReadOnlyList<int> AncestorsPerGeneration, IReadOnlyList<int> DescendantsPerGeneration,
    int EdgesAudited, int EdgesWithFindings);

/// <summary>One search result.</summary>
internal sealed record SearchHit(
    string Id, string Author, string Match, long? Downloads, string FamilyRoot, int FamilySize, int Parents, int Children,
    IReadOnlyDictionary<string, int> ChildrenByRelation, IReadOnlyList<string> Licenses, string? Task);

/// <summary>The answer of <c>/api/search</c>.</summary>
internal sealed record SearchAnswer(string Query, string? Author, int Total, IReadOnlyList<SearchHit> Results);

/// <summary>A value and how many models carry it.</summary>
internal sealed record ValueCount(string Value, int Count);

/// <summary>The mix of one trait in one generation of a family.</summary>
internal sealed record GenerationMix(int Generation, int Models, IReadOnlyList<ValueCount> Values);

/// <summary>A child of the family root and the size of the branch it heads (itself and its descendants).</summary>
internal sealed record Branch(string Id, string Relation, int Size);

/// <summary>Cumulative family size at the end of a month (<c>yyyy-MM</c>).</summary>
internal sealed record GrowthPoint(string Month, int Models);

/// <summary>The answer of <c>/api/family/{id}</c>.</summary>
internal sealed record FamilyAnswer(
    string Model, string Root, int Size, int Depth, IReadOnlyDictionary<string, int> EdgesByRelation, int DanglingEdges,
    int Cycles, IReadOnlyList<int> Generations, IReadOnlyList<GrowthPoint> Growth, int Undated, IReadOnlyList<Branch> TopBranches,
    IReadOnlyList<GenerationMix> LicenseMix, IReadOnlyList<GenerationMix> LanguageMix, IReadOnlyList<string> LongestChain);

/// <summary>An error answer.</summary>
internal sealed record ErrorAnswer(string Error, int? DeclaredBy = null);

/// <summary>One catalog edge behind a drift transition: the edge, its relation, the transitions it adds, both sides' values.</summary>
internal sealed record DriftEdgeView(string Parent, string Child, string Relation, int Transitions, IReadOnlyList<string> ParentValues, IReadOnlyList<string> ChildValues);

/// <summary>The answer of <c>/api/drift/edges</c>: one page of the edges behind the transition <c>from → to</c> of a trait.</summary>
internal sealed record DriftEdgesAnswer(string Trait, string From, string To, int Total, long Transitions, int Offset, int Limit, int? NextOffset, IReadOnlyList<DriftEdgeView> Edges);
