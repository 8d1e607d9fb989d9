namespace Kinship.Leap.Backends.Llama;

/// <summary>
/// The one long-lived thread every llama.cpp decode (and the sampling between decodes) runs on: a single-consumer work queue.
/// llama.cpp's CPU backend keeps a team of worker threads per calling thread; decoding from thread-pool threads (LLamaSharp's
/// <c>Infer</c> wraps each step in <c>Task.Run</c>) starts several teams that spin against each other. One caller, one team.
/// </summary>
internal sealed class LlamaDecodeThread : IDisposable
{
    private readonly Queue<Action> _work = new();
    private readonly Thread _thread;
    private bool _stopping;

    public LlamaDecodeThread(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
        ManagedThreadId = _thread.ManagedThreadId;
    }

    /// <summary>The managed id of the decode thread.</summary>
    public int ManagedThreadId { get; }

    /// <summary>True when the caller is the decode thread.</summary>
    public bool IsCurrent => Environment.CurrentManagedThreadId == ManagedThreadId;

    /// <summary>Runs <paramref name="work"/> synchronously on the decode thread; the task completes off that thread.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        // continuations never run inline on the decode thread: it must go straight back to its queue
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (OperationCanceledException e)
            {
                completion.SetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

    /// <summary>Runs <paramref name="work"/> on the decode thread and waits for it (inline when already there).</summary>
    public T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return IsCurrent ? work() : RunAsync(work).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        lock (_work)
        {
            if (_stopping)
            {
                return;
            }
            _stopping = true;
            Monitor.Pulse(_work);
        }
        if (!IsCurrent)
        {
            _thread.Join();
        }
    }

    private void Enqueue(Action action)
    {
        lock (_work)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _work.Enqueue(action);
            Monitor.Pulse(_work);
        }
    }

    private void Loop()
    {
        while (true)
        {
            Action next;
            lock (_work)
            {
                while (_work.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_work);
                }
                if (_work.Count == 0)
                {
                    return; // stopping, and everything queued before has run
                }
                next = _work.Dequeue();
            }
            next();
        }
    }
}
