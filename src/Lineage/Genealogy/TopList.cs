namespace Kinship.Lineage.Genealogy;

/// <summary>The k best (score descending, then node ascending) of a stream of candidates, in one pass and O(k) memory.</summary>
internal sealed class TopList(int capacity)
{
    private readonly long[] _scores = new long[capacity];
    private readonly int[] _nodes = new int[capacity];

    public int Count { get; private set; }

    public void Offer(long score, int node)
    {
        if (Count == capacity && !Better(score, node, _scores[Count - 1], _nodes[Count - 1]))
        {
            return;
        }
        var i = Count < capacity ? Count++ : Count - 1;
        while (i > 0 && Better(score, node, _scores[i - 1], _nodes[i - 1]))
        {
            _scores[i] = _scores[i - 1];
            _nodes[i] = _nodes[i - 1];
            i--;
        }
        _scores[i] = score;
        _nodes[i] = node;
    }

    public (long Score, int Node) this[int i] => (_scores[i], _nodes[i]);

    private static bool Better(long score, int node, long otherScore, int otherNode) =>
        score > otherScore || (score == otherScore && node < otherNode);
}
