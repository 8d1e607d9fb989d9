using Kinship.Randomness;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// Which problems of a benchmark to run: <c>--ids</c> keeps the listed problems (file order), then
/// <c>--shuffle-seed</c> shuffles the problem order deterministically, then <c>--limit</c> keeps the first L.
/// </summary>
public sealed record BenchmarkSelection
{
    /// <summary>Keep at most this many problems (after filtering and shuffling); null keeps all.</summary>
    public int? Limit { get; init; }

    /// <summary>Keep only problems with these ids; null keeps all.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Shuffle the problem order with this seed; null keeps file order.</summary>
    public ulong? ShuffleSeed { get; init; }

    /// <summary>Applies the selection; an id that is not in the benchmark is an error naming it and <paramref name="source"/>.</summary>
    public IReadOnlyList<BenchmarkItem> Apply(IReadOnlyList<BenchmarkItem> items, string source)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (Limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "--limit must be zero or positive");
        }
        IEnumerable<BenchmarkItem> kept = items;
        if (Ids is { } ids)
        {
            var known = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var missing = ids.Where(id => !known.Contains(id)).ToList();
            if (missing.Count > 0)
            {
                throw new BenchmarkFormatException(source, 0, "id", $"no problem with id {string.Join(", ", missing.Select(m => $"'{m}'"))} (ids run from '{items.FirstOrDefault()?.Id}' to '{items.LastOrDefault()?.Id}')");
            }
            var wanted = ids.ToHashSet(StringComparer.Ordinal);
            kept = items.Where(i => wanted.Contains(i.Id));
        }
        var list = kept.ToArray();
        if (ShuffleSeed is { } seed)
        {
            new SeededRandom(seed).Shuffle(list.AsSpan());
        }
        return Limit is { } limit && limit < list.Length ? list[..limit] : list;
    }
}
