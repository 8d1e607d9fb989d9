using Kinship.Randomness;

namespace Kinship.Lineage.Tests.Randomness;

public sealed class SeededRandomTests
{
    [Fact]
    public void SplitMix64_from_state_zero_matches_the_reference_sequence()
    {
        // The reference outputs of Vigna's splitmix64.c for a zero state.
        var state = 0UL;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Next(ref state));
        Assert.Equal(0x06C45D188009454FUL, SplitMix64.Next(ref state));
        Assert.Equal(unchecked(3 * SplitMix64.Increment), state);
    }

    [Fact]
    public void Xoshiro256_star_star_from_state_1_2_3_4_matches_the_reference_sequence()
    {
        // The published test vector of xoshiro256** (state {1, 2, 3, 4}), as the rand_xoshiro crate pins it.
        ulong[] expected =
        [
            11520, 0, 1509978240, 1215971899390074240, 1216172134540287360,
            607988272756665600, 16172922978634559625, 8476171486693032832,
            10595114339597558777, 2904607092377533576,
        ];
        var random = SeededRandom.FromState(1, 2, 3, 4);
        Assert.Equal(expected, expected.Select(_ => random.NextUInt64()).ToArray());
    }

    [Fact]
    public void An_all_zero_state_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SeededRandom.FromState(0, 0, 0, 0));
    }

    [Fact]
    public void Seeding_runs_the_state_through_SplitMix64()
    {
        var state = 42UL;
        var reference = SeededRandom.FromState(
            SplitMix64.Next(ref state), SplitMix64.Next(ref state), SplitMix64.Next(ref state), SplitMix64.Next(ref state));
        var seeded = new SeededRandom(42);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(reference.NextUInt64(), seeded.NextUInt64());
        }
    }

    [Fact]
    public void Bounded_integers_are_uniform_and_in_range()
    {
        var random = new SeededRandom(7);
        var counts = new int[6];
        for (var i = 0; i < 60_000; i++)
        {
            counts[random.NextInt32(6)]++;
        }
        // Each face within 4 standard deviations (sd = sqrt(60000 * 1/6 * 5/6) ≈ 91) of 10,000.
        Assert.All(counts, c => Assert.InRange(c, 10_000 - 365, 10_000 + 365));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt64(0));
    }

    [Fact]
    public void Doubles_lie_in_the_unit_interval_and_shuffles_are_permutations()
    {
        var random = new SeededRandom(3);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(random.NextDouble(), 0.0, Math.BitDecrement(1.0));
        }
        var items = Enumerable.Range(0, 50).ToArray();
        random.Shuffle(items.AsSpan());
        Assert.Equal(Enumerable.Range(0, 50), items.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), items);
    }

    [Fact]
    public void Derived_seeds_differ_per_stream_and_repeat_per_seed()
    {
        Assert.Equal(SeededRandom.Derive(5, 1, 2), SeededRandom.Derive(5, 1, 2));
        Assert.NotEqual(SeededRandom.Derive(5, 1, 2), SeededRandom.Derive(5, 2, 1));
        Assert.NotEqual(SeededRandom.Derive(5, 1), SeededRandom.Derive(6, 1));
    }
}
