using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Web;

/// <summary>
/// Case-insensitive search over model ids: every id lower-cased into one newline-separated UTF-8 buffer, scanned with a
/// vectorised span <c>IndexOf</c> (one pass, O(buffer + hits): hits come in id order, so the id of each is found by
/// walking forward, never searched for). Matches rank as exact id,
/// id prefix (the author's namespace), name prefix (after the slash), then substring; ties by downloads, then id.
/// </summary>
internal sealed class ModelSearch
{
    private readonly byte[] _text;
    private readonly int[] _start;

    public ModelSearch(LineageGraph graph)
    {
        var n = graph.NodeCount;
        _start = new int[n + 1];
        var buffer = new List<byte>(n * 32) { (byte)'\n' };
        for (var v = 0; v < n; v++)
        {
            _start[v] = buffer.Count;
            buffer.AddRange(System.Text.Encoding.UTF8.GetBytes(graph.IdOf(v).ToLowerInvariant()));
            buffer.Add((byte)'\n');
        }
        _start[n] = buffer.Count;
        _text = [.. buffer];
    }

    /// <summary>How well a hit matches; lower is better.</summary>
    public enum MatchKind
    {
        Exact = 0,
        Prefix = 1,
        NamePrefix = 2,
        Substring = 3,
    }

    /// <summary>One ranked hit.</summary>
    public readonly record struct Hit(int Node, MatchKind Kind);

    /// <summary>
    /// The best <paramref name="limit"/> ids containing <paramref name="query"/> (case-insensitive), restricted to ids
    /// under <paramref name="author"/><c>/</c> when an author is given, and the total number of matching ids.
    /// </summary>
    public (IReadOnlyList<Hit> Hits, int Total) Find(string query, string? author, int limit, ReadOnlySpan<long> downloads)
    {
        var q = query.Trim().ToLowerInvariant();
        var prefix = string.IsNullOrWhiteSpace(author) ? null : "\n" + author.Trim().ToLowerInvariant() + "/";
        if (q.Length == 0 && prefix is null)
        {
            return ([], 0);
        }
        var best = new PriorityQueue<Hit, (MatchKind, long, int)>(limit + 1, Worse.Instance);
        var total = 0;
        var text = _text.AsSpan();
        var query8 = System.Text.Encoding.UTF8.GetBytes(q);
        var prefix8 = prefix is null ? null : System.Text.Encoding.UTF8.GetBytes(prefix);
        var needle = q.Length > 0 ? query8 : prefix8!;
        var position = 0;
        var node = 0;
        while (true)
        {
            var found = text[position..].IndexOf(needle);
            if (found < 0)
            {
                break;
            }
            var at = position + found + (q.Length == 0 ? 1 : 0); // a bare author prefix matches from its newline
            while (_start[node + 1] <= at)
            {
                node++;
            }
            var idStart = _start[node];
            var idEnd = _start[node + 1] - 1;
            position = idEnd; // one hit per id
            if (prefix8 is not null && !text[(idStart - 1)..].StartsWith(prefix8))
            {
                continue;
            }
            var kind = q.Length == 0 ? MatchKind.Prefix : Classify(text[idStart..idEnd], query8, at - idStart);
            total++;
            var key = (kind, downloads[node], node);
            if (best.Count < limit)
            {
                best.Enqueue(new Hit(node, kind), key);
            }
            else if (limit > 0 && Worse.Instance.Compare(key, PeekKey(best)) > 0)
            {
                best.EnqueueDequeue(new Hit(node, kind), key);
            }
        }
        var hits = new List<Hit>(best.Count);
        while (best.TryDequeue(out var hit, out _))
        {
            hits.Add(hit);
        }
        hits.Reverse();
        return (hits, total);
    }

    private static (MatchKind, long, int) PeekKey(PriorityQueue<Hit, (MatchKind, long, int)> queue)
    {
        queue.TryPeek(out _, out var key);
        return key;
    }

    private static MatchKind Classify(ReadOnlySpan<byte> id, ReadOnlySpan<byte> q, int offset)
    {
        if (offset == 0)
        {
            return id.Length == q.Length ? MatchKind.Exact : MatchKind.Prefix;
        }
        var slash = id.IndexOf((byte)'/');
        if (slash >= 0 && id[(slash + 1)..].StartsWith(q))
        {
            return MatchKind.NamePrefix;
        }
        return MatchKind.Substring;
    }

    // Orders keys so that the queue's head is the worst kept hit: higher kind, fewer downloads, larger index.
    private sealed class Worse : IComparer<(MatchKind Kind, long Downloads, int Node)>
    {
        public static readonly Worse Instance = new();

        public int Compare((MatchKind Kind, long Downloads, int Node) x, (MatchKind Kind, long Downloads, int Node) y)
        {
            // Positive when x is better than y.
            if (x.Kind != y.Kind)
            {
                return y.Kind.CompareTo(x.Kind);
            }
            if (x.Downloads != y.Downloads)
            {
                return x.Downloads.CompareTo(y.Downloads);
            }
            return y.Node.CompareTo(x.Node);
        }
    }
}
