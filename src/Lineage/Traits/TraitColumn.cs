namespace Kinship.Lineage.Traits;

/// <summary>
/// One set-valued trait for every node, aligned to graph indices: a vocabulary of distinct values and, per node, the
/// ascending distinct value ids in CSR layout. A node with no value does not declare the trait.
/// </summary>
public sealed class TraitColumn
{
    private readonly string[] _vocabulary;
    private readonly int[] _start;
    private readonly int[] _values;
    private readonly int[] _carriers;

    private TraitColumn(string[] vocabulary, int[] start, int[] values)
    {
        _vocabulary = vocabulary;
        _start = start;
        _values = values;
        _carriers = new int[vocabulary.Length];
        foreach (var v in values)
        {
            _carriers[v]++;
        }
    }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _start.Length - 1;

    /// <summary>Distinct values, by value id.</summary>
    public IReadOnlyList<string> Vocabulary => _vocabulary;

    /// <summary>The value ids a node declares, ascending and distinct (empty when it declares none).</summary>
    public ReadOnlySpan<int> Of(int node) => _values.AsSpan(_start[node], _start[node + 1] - _start[node]);

    /// <summary>Whether a node declares at least one value.</summary>
    public bool Declares(int node) => _start[node + 1] > _start[node];

    /// <summary>The values a node declares, as strings in value-id order.</summary>
    public string[] ValuesOf(int node)
    {
        var ids = Of(node);
        var result = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            result[i] = _vocabulary[ids[i]];
        }
        return result;
    }

    /// <summary>Number of nodes that carry a value (the study's trait counter).</summary>
    public int Carriers(int valueId) => _carriers[valueId];

    /// <summary>The id of a value, or -1 when no node carries it.</summary>
    public int IdOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Array.IndexOf(_vocabulary, value);
    }

    /// <summary>
    /// Builds a column from per-node value lists (null or empty: no declaration). Values are trimmed; empty values and
    /// duplicates within a node are dropped. Value ids follow first appearance.
    /// </summary>
    public static TraitColumn Build(IReadOnlyList<IReadOnlyList<string>?> perNode)
    {
        ArgumentNullException.ThrowIfNull(perNode);
        var builder = new Builder(perNode.Count);
        for (var node = 0; node < perNode.Count; node++)
        {
            if (perNode[node] is { } values)
            {
                builder.Set(node, values);
            }
        }
        return builder.Build();
    }

    /// <summary>Fills a column node by node in any order; each node is set at most once.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _vocabulary = [];
        private readonly int[]?[] _perNode;

        /// <summary>A builder for <paramref name="nodeCount"/> nodes, none declaring anything yet.</summary>
        public Builder(int nodeCount)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
            _perNode = new int[]?[nodeCount];
        }

        /// <summary>Sets the values a node declares (trimmed; empty values and duplicates dropped).</summary>
        public void Set(int node, IEnumerable<string?> values)
        {
            ArgumentNullException.ThrowIfNull(values);
            var ids = new List<int>(2);
            foreach (var raw in values)
            {
                var value = raw?.Trim();
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }
                if (!_ids.TryGetValue(value, out var id))
                {
                    id = _vocabulary.Count;
                    _ids.Add(value, id);
                    _vocabulary.Add(value);
                }
                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
            ids.Sort();
            _perNode[node] = ids.Count == 0 ? null : [.. ids];
        }

        /// <summary>Sets a single value (null or blank: no declaration).</summary>
        public void Set(int node, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                _perNode[node] = null;
                return;
            }
            Set(node, [value]);
        }

        /// <summary>The finished column.</summary>
        public TraitColumn Build()
        {
            var start = new int[_perNode.Length + 1];
            for (var i = 0; i < _perNode.Length; i++)
            {
                start[i + 1] = start[i] + (_perNode[i]?.Length ?? 0);
            }
            var values = new int[start[^1]];
            for (var i = 0; i < _perNode.Length; i++)
            {
                _perNode[i]?.CopyTo(values, start[i]);
            }
            return new TraitColumn([.. _vocabulary], start, values);
        }
    }
}
