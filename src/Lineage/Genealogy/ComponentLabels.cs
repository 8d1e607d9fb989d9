namespace Kinship.Lineage.Genealogy;

/// <summary>A partition of the nodes into components: <c>Of[node]</c> is the component, <c>Sizes[component]</c> its size.</summary>
public sealed record ComponentLabels(int[] Of, int[] Sizes)
{
    /// <summary>Number of components.</summary>
    public int Count => Sizes.Length;

    /// <summary>The members of every component, grouped: component c holds <c>Members[Start[c]..Start[c+1]]</c>, ascending.</summary>
    public (int[] Start, int[] Members) Group()
    {
        var start = new int[Sizes.Length + 1];
        for (var c = 0; c < Sizes.Length; c++)
        {
            start[c + 1] = start[c] + Sizes[c];
        }
        var fill = start.AsSpan(0, Sizes.Length).ToArray();
        var members = new int[Of.Length];
        for (var v = 0; v < Of.Length; v++)
        {
            members[fill[Of[v]]++] = v;
        }
        return (start, members);
    }
}
