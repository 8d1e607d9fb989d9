using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Tests.Hub;

/// <summary>The importer's three-stage pipeline: reader thread, workers, results in the reader's order.</summary>
public sealed class OrderedPipelineTests
{
    /// <summary>Work that finishes out of order (later units are faster) still comes back in the reader's order.</summary>
    [Fact]
    public void Results_come_back_in_the_readers_order()
    {
        var results = OrderedPipeline.Run(Enumerable.Range(0, 200), unit =>
        {
            Thread.Sleep(unit % 4 == 0 ? 3 : 0);
            return unit * unit;
        }, window: 3, abandon: null).ToList();

        Assert.Equal(Enumerable.Range(0, 200).Select(u => u * u), results);
    }

    /// <summary>The reader runs on its own thread, never the caller's, and never holds more than the window.</summary>
    [Fact]
    public void The_reader_stays_within_the_window_while_the_caller_is_busy()
    {
        var caller = Environment.CurrentManagedThreadId;
        var readerThreads = new HashSet<int>();
        var produced = 0;
        IEnumerable<int> Units()
        {
            for (var i = 0; i < 50; i++)
            {
                lock (readerThreads)
                {
                    readerThreads.Add(Environment.CurrentManagedThreadId);
                }
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }

        var ahead = new List<int>();
        foreach (var result in OrderedPipeline.Run(Units(), unit => unit, window: 4, abandon: null))
        {
            if (result == 0)
            {
                Thread.Sleep(200); // the caller is slow: the reader may fill the window, no more
                ahead.Add(Volatile.Read(ref produced));
            }
        }

        Assert.DoesNotContain(caller, readerThreads);
        Assert.Single(readerThreads);
        // unit 0 was taken; the window holds four more, and the reader may hold one more it could not add yet
        Assert.InRange(ahead[0], 5, 6);
    }

    /// <summary>An abandoned enumeration stops the reader; every result produced and not yielded goes to abandon, once.</summary>
    [Fact]
    public void An_abandoned_run_hands_back_every_result_not_yielded()
    {
        var produced = 0;
        IEnumerable<int> Units()
        {
            for (var i = 0; i < 1000; i++)
            {
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }
        var abandoned = new List<int>();

        var taken = OrderedPipeline.Run(Units(), unit => unit, window: 4, abandon: abandoned.Add).Take(5).ToList();

        Assert.Equal([0, 1, 2, 3, 4], taken);
        Assert.True(produced < 1000, $"the reader went on to unit {produced}");
        abandoned.Sort();
        // the abandoned results are exactly the ones the reader handed on after the fifth: consecutive, none lost, none twice
        Assert.Equal(Enumerable.Range(5, abandoned.Count), abandoned);
        Assert.InRange(5 + abandoned.Count, produced - 1, produced);
    }

    /// <summary>A read failure surfaces after every result read before it.</summary>
    [Fact]
    public void A_read_failure_surfaces_after_the_results_before_it()
    {
        static IEnumerable<int> Units()
        {
            for (var i = 0; i < 7; i++)
            {
                yield return i;
            }
            throw new IOException("disk gone at unit 7");
        }
        var seen = new List<int>();

        var failure = Assert.Throws<IOException>(() =>
        {
            foreach (var result in OrderedPipeline.Run(Units(), unit => unit + 100, window: 2, abandon: null))
            {
                seen.Add(result);
            }
        });

        Assert.Equal("disk gone at unit 7", failure.Message);
        Assert.Equal(Enumerable.Range(100, 7), seen);
    }

    /// <summary>A failing unit surfaces at its place; the results after it that were done go to abandon.</summary>
    [Fact]
    public void A_work_failure_surfaces_at_its_unit()
    {
        var seen = new List<int>();
        var abandoned = new List<int>();

        var failure = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var result in OrderedPipeline.Run(Enumerable.Range(0, 100), unit => unit == 3 ? throw new InvalidOperationException("unit 3 is bad") : unit, window: 4, abandon: abandoned.Add))
            {
                seen.Add(result);
            }
        });

        Assert.Equal("unit 3 is bad", failure.Message);
        Assert.Equal([0, 1, 2], seen);
        Assert.All(abandoned, unit => Assert.InRange(unit, 4, 99));
    }

    [Fact]
    public void Batches_carry_the_ordinal_of_their_first_item()
    {
        var batches = OrderedPipeline.Batch(Enumerable.Range(10, 7), 3).ToList();

        Assert.Equal([(0L, "10,11,12"), (3L, "13,14,15"), (6L, "16")], batches.Select(b => (b.FirstOrdinal, string.Join(",", b.Items))));
    }
}
