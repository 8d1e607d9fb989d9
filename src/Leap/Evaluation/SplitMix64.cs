namespace Kinship.Leap.Evaluation;

/// <summary>A tiny deterministic generator (SplitMix64) whose sequence never changes across runtimes, so seeded shuffles are reproducible.</summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next() => Routing.Seeds.Next(ref _state);

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public int NextInt(int exclusiveMax) => (int)(Next() % (ulong)exclusiveMax);

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>FNV-1a hash of a string, to derive a per-item seed from its id.</summary>
    public static ulong Hash(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }
        return hash;
    }
}
