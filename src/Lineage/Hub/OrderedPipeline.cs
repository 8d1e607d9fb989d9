using System.Collections.Concurrent;

namespace Kinship.Lineage.Hub;

/// <summary>
/// Three stages over a source, each on its own thread(s): a reader thread enumerates the units of work, thread-pool
/// workers transform each one, and the caller receives the results in the reader's order. The reader never waits for the
/// caller, only for the window: at most <c>window</c> units are in flight (produced, transforming, or done and waiting),
/// so memory stays bounded however slow the caller is.
/// </summary>
internal static class OrderedPipeline
{
    /// <summary>
    /// Enumerates <paramref name="units"/> on a reader thread, runs <paramref name="work"/> on each on the thread pool and
    /// yields the results in order. A failure of the reader surfaces after every result produced before it; a failure of
    /// <paramref name="work"/> surfaces at its unit. When the enumeration is abandoned, the reader stops (its enumerator is
    /// disposed on its own thread) and every result not yet yielded goes to <paramref name="abandon"/> once its work is done,
    /// so nothing outlives the call.
    /// </summary>
    public static IEnumerable<TOut> Run<TIn, TOut>(IEnumerable<TIn> units, Func<TIn, TOut> work, int window, Action<TOut>? abandon)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        return Iterate(units, work, window, abandon);
    }

    private static IEnumerable<TOut> Iterate<TIn, TOut>(IEnumerable<TIn> units, Func<TIn, TOut> work, int window, Action<TOut>? abandon)
    {
        using var stop = new CancellationTokenSource();
        using var inFlight = new BlockingCollection<Task<TOut>>(window);
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var unit in units)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    inFlight.Add(Task.Run(() => work(unit)), stop.Token);
                }
            }
            finally
            {
                inFlight.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var next in inFlight.GetConsumingEnumerable())
            {
                yield return next.GetAwaiter().GetResult();
            }
            reader.GetAwaiter().GetResult(); // a read failure, after every unit read before it
        }
        finally
        {
            stop.Cancel();
            try
            {
                reader.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // stopped while adding, or a read failure already surfaced (or the caller is unwinding from its own)
            }
            while (inFlight.TryTake(out var pending))
            {
                try
                {
                    var result = pending.GetAwaiter().GetResult();
                    abandon?.Invoke(result);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // the enumeration is already unwinding from its own exception
                }
            }
        }
    }

    /// <summary>Groups items into arrays of at most <paramref name="size"/>, each with the 0-based ordinal of its first item.</summary>
    public static IEnumerable<(T[] Items, long FirstOrdinal)> Batch<T>(IEnumerable<T> items, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var batch = new List<T>(size);
        long ordinal = 0;
        foreach (var item in items)
        {
            batch.Add(item);
            if (batch.Count == size)
            {
                yield return ([.. batch], ordinal);
                ordinal += size;
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            yield return ([.. batch], ordinal);
        }
    }
}
