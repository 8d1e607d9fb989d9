namespace Kinship.Lineage.Hub;

/// <summary>
/// Accumulates declared parents, one per distinct parent id in first-seen order. A typed relation wins over
/// <c>unknown</c>; between two typed relations the study's precedence holds (merge over adapter over quantized over finetune).
/// Sources of the same parent are OR-ed.
/// </summary>
internal sealed class ParentSet
{
    private readonly List<ParentLink> _links = [];

    public int Count => _links.Count;

    public void Add(string parent, Relation relation, ParentSource source)
    {
        if (parent.Length == 0)
        {
            return;
        }
        for (var i = 0; i < _links.Count; i++)
        {
            var link = _links[i];
            if (string.Equals(link.Parent, parent, StringComparison.Ordinal))
            {
                _links[i] = new ParentLink(parent, Stronger(link.Relation, relation), link.Source | source);
                return;
            }
        }
        _links.Add(new ParentLink(parent, relation, source));
    }

    public void AddRange(IEnumerable<ParentLink> links)
    {
        foreach (var link in links)
        {
            Add(link.Parent, link.Relation, link.Source);
        }
    }

    public IReadOnlyList<ParentLink> ToList() => _links.Count == 0 ? [] : _links.ToArray();

    /// <summary>Precedence rank: unknown &lt; finetune &lt; quantized &lt; adapter &lt; merge (the study's last-match-wins order).</summary>
    private static int Rank(Relation relation) => relation switch
    {
        Relation.Finetune => 1,
        Relation.Quantized => 2,
        Relation.Adapter => 3,
        Relation.Merge => 4,
        _ => 0,
    };

    private static Relation Stronger(Relation a, Relation b) => Rank(b) > Rank(a) ? b : a;
}
