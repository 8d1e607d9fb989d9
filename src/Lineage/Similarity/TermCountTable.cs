namespace Kinship.Lineage.Similarity;

/// <summary>
/// Open-addressing counts keyed by 64-bit term hash: 12 bytes a slot, no per-term objects, so tens of millions of
/// distinct terms (model names, ids, dates) fit in a few hundred megabytes. Key 0 marks an empty slot.
/// </summary>
internal sealed class TermCountTable
{
    private ulong[] _keys;
    private int[] _counts;
    private int _mask;

    public TermCountTable(int initialCapacity = 1 << 16)
    {
        var capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)initialCapacity));
        _keys = new ulong[capacity];
        _counts = new int[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Number of distinct keys.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one occurrence of <paramref name="key"/> (never 0); counts saturate at int.MaxValue.</summary>
    public void Increment(ulong key)
    {
        var slot = (int)key & _mask;
        while (true)
        {
            var k = _keys[slot];
            if (k == key)
            {
                if (_counts[slot] != int.MaxValue)
                {
                    _counts[slot]++;
                }
                return;
            }
            if (k == 0)
            {
                _keys[slot] = key;
                _counts[slot] = 1;
                if (++Count > (_keys.Length >> 2) * 3)
                {
                    Grow();
                }
                return;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The count of <paramref name="key"/> (0 when absent).</summary>
    public int CountOf(ulong key)
    {
        var slot = (int)key & _mask;
        while (true)
        {
            var k = _keys[slot];
            if (k == key)
            {
                return _counts[slot];
            }
            if (k == 0)
            {
                return 0;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The k-th largest count (1-based), or 0 when fewer than k keys exist.</summary>
    public int KthLargestCount(int k)
    {
        if (k <= 0 || Count < k)
        {
            return Count == 0 ? 0 : 1;
        }
        // A min-heap of the k largest counts seen.
        var heap = new PriorityQueue<int, int>(k);
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] == 0)
            {
                continue;
            }
            var c = _counts[i];
            if (heap.Count < k)
            {
                heap.Enqueue(c, c);
            }
            else if (c > heap.Peek())
            {
                heap.EnqueueDequeue(c, c);
            }
        }
        return heap.Peek();
    }

    /// <summary>Keys whose count is at least <paramref name="threshold"/>.</summary>
    public IEnumerable<ulong> KeysAtLeast(int threshold)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != 0 && _counts[i] >= threshold)
            {
                yield return _keys[i];
            }
        }
    }

    /// <summary>Counts that are at least <paramref name="threshold"/>.</summary>
    public IEnumerable<int> CountsAtLeast(int threshold)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != 0 && _counts[i] >= threshold)
            {
                yield return _counts[i];
            }
        }
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldCounts = _counts;
        var capacity = oldKeys.Length * 2;
        _keys = new ulong[capacity];
        _counts = new int[capacity];
        _mask = capacity - 1;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            var key = oldKeys[i];
            if (key == 0)
            {
                continue;
            }
            var slot = (int)key & _mask;
            while (_keys[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }
            _keys[slot] = key;
            _counts[slot] = oldCounts[i];
        }
    }
}
