using System.Text;
using System.Threading.Channels;
using Kinship.Leap.Backends;

namespace Kinship.Leap.Serving;

/// <summary>
/// Serves concurrent completion requests from one generation backend (continuous batching, as vLLM and llama-server do): the
/// scheduler alone owns the backend, requests queue their choices, and every step decodes all active choices of all requests in
/// one batched call of one token each by default, so a request that arrives mid-generation joins at the next token step. Text
/// streams as each token is sampled (the backend's progress reports); a request with n choices prefills its prompt once and
/// forks it n times, and the llama.cpp backend lends a new prompt the KV cells of a prefix it shares with a live sequence.
/// </summary>
public sealed class CompletionScheduler : IAsyncDisposable
{
    private readonly IGenerationBackend _backend;
    private readonly int _tokensPerStep;
    private readonly Channel<PendingJob> _queue = Channel.CreateUnbounded<PendingJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <summary>Starts the scheduling loop over <paramref name="backend"/>, decoding <paramref name="tokensPerStep"/> tokens per batched step (new requests join between steps).</summary>
    public CompletionScheduler(IGenerationBackend backend, int tokensPerStep = 1)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokensPerStep, 1);
        _backend = backend;
        _tokensPerStep = tokensPerStep;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The backend served.</summary>
    public BackendInfo Info => _backend.Info;

    /// <summary>Why <paramref name="job"/> cannot run on this backend, or null when it can.</summary>
    public string? Check(CompletionJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var info = _backend.Info;
        if (job.N < 1)
        {
            return $"n must be at least 1 (got {job.N})";
        }
        if (job.N + 1 > info.MaxSequences)
        {
            return $"n = {job.N} needs {job.N + 1} sequences (the prompt plus one per choice); this server holds {info.MaxSequences} (start it with more -np/--parallel)";
        }
        if (job.MaxTokens < 0)
        {
            return $"max_tokens must not be negative (got {job.MaxTokens})";
        }
        if (string.IsNullOrEmpty(job.Prompt))
        {
            return "prompt must be a non-empty string";
        }
        var promptTokens = _backend.CountTokens(job.Prompt) + 1; // + a BOS token the model may add
        if (job.MaxTokens is null ? promptTokens >= info.ContextTokens : promptTokens + job.MaxTokens > info.ContextTokens)
        {
            return job.MaxTokens is null
                ? $"the prompt (about {promptTokens} tokens) fills the context of {info.ContextTokens} tokens per sequence"
                : $"the prompt (about {promptTokens} tokens) plus max_tokens ({job.MaxTokens}) exceeds the context of {info.ContextTokens} tokens per sequence";
        }
        return null;
    }

    /// <summary>
    /// Runs <paramref name="job"/> with the other requests in flight and returns its choices; when
    /// <paramref name="stream"/> is given, text is written to it as it is decoded (the writer is completed at the end).
    /// </summary>
    public Task<CompletionOutcome> CompleteAsync(CompletionJob job, ChannelWriter<CompletionDelta>? stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (Check(job) is { } problem)
        {
            throw new CompletionRejectedException(problem);
        }
        var pending = new PendingJob(job, stream, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(CompletionScheduler));
        }
        return pending.Completion.Task;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        var active = new List<ActiveChoice>();
        var liveJobs = new List<PendingJob>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await AdmitAsync(active, liveJobs, stopping).ConfigureAwait(false);
                DropCancelled(active, liveJobs);
                if (active.Count == 0)
                {
                    if (!await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
                    {
                        return;
                    }
                    continue;
                }

                var requests = new GenerationRequest[active.Count];
                var bySequence = new Dictionary<int, ActiveChoice>(active.Count);
                for (var i = 0; i < active.Count; i++)
                {
                    var choice = active[i];
                    requests[i] = new GenerationRequest(choice.Sequence, Math.Min(_tokensPerStep, choice.Remaining), choice.Job.Job.Stop);
                    bySequence[choice.Sequence.Id] = choice;
                }
                IReadOnlyList<GenerationResult> results;
                try
                {
                    results = await _backend.GenerateAsync(requests, new TokenStream(bySequence), stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    foreach (var job in liveJobs)
                    {
                        job.Fail(e);
                    }
                    DropCancelled(active, liveJobs);
                    continue;
                }

                for (var i = active.Count - 1; i >= 0; i--)
                {
                    var choice = active[i];
                    if (choice.Apply(results[i], _backend.Info.ContextTokens))
                    {
                        active.RemoveAt(i);
                        choice.Job.ChoiceFinished(choice);
                    }
                }
                liveJobs.RemoveAll(j => j.IsCompleted);
            }
        }
        finally
        {
            foreach (var choice in active)
            {
                choice.Sequence.Dispose();
            }
            foreach (var job in liveJobs)
            {
                job.Fail(new OperationCanceledException("the server is stopping"));
            }
            while (_queue.Reader.TryRead(out var queued))
            {
                queued.Fail(new OperationCanceledException("the server is stopping"));
            }
        }
    }

    private async Task AdmitAsync(List<ActiveChoice> active, List<PendingJob> liveJobs, CancellationToken stopping)
    {
        var capacity = _backend.Info.MaxSequences;
        while (_queue.Reader.TryPeek(out var next))
        {
            // the prompt's sequence lives until its choices are forked, so a job needs n + 1 slots at admission
            if (active.Count > 0 && active.Count + next.Job.N + 1 > capacity)
            {
                return;
            }
            _queue.Reader.TryRead(out _);
            if (next.Cancellation.IsCancellationRequested)
            {
                next.Fail(new OperationCanceledException(next.Cancellation));
                continue;
            }
            IGenerationSequence? root = null;
            var forks = new List<IGenerationSequence>();
            try
            {
                var job = next.Job;
                root = await _backend.StartAsync(job.Prompt, job.Sampling, stopping).ConfigureAwait(false);
                next.PromptTokens = root.ContextTokens;
                next.MaxTokens = job.MaxTokens ?? Math.Max(0, _backend.Info.ContextTokens - root.ContextTokens);
                for (var i = 0; i < job.N; i++)
                {
                    forks.Add(root.Fork(job.Sampling with { Seed = unchecked(job.Sampling.Seed + (ulong)i) }));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                foreach (var fork in forks)
                {
                    fork.Dispose();
                }
                next.Fail(e is InvalidOperationException or ArgumentException ? new CompletionRejectedException(e.Message, e) : e);
                continue;
            }
            finally
            {
                root?.Dispose();
            }
            next.Start(forks.Count);
            liveJobs.Add(next);
            for (var i = 0; i < forks.Count; i++)
            {
                var choice = new ActiveChoice(next, i, forks[i]);
                active.Add(choice);
                if (next.MaxTokens == 0)
                {
                    choice.FinishEmpty();
                    active.Remove(choice);
                    next.ChoiceFinished(choice);
                }
            }
            liveJobs.RemoveAll(j => j.IsCompleted);
        }
    }

    private static void DropCancelled(List<ActiveChoice> active, List<PendingJob> liveJobs)
    {
        foreach (var job in liveJobs)
        {
            if (job.Cancellation.IsCancellationRequested)
            {
                job.Fail(new OperationCanceledException(job.Cancellation));
            }
        }
        for (var i = active.Count - 1; i >= 0; i--)
        {
            if (active[i].Job.IsCompleted)
            {
                active[i].Sequence.Dispose();
                active.RemoveAt(i);
            }
        }
        liveJobs.RemoveAll(j => j.IsCompleted);
    }

    private sealed class PendingJob(CompletionJob job, ChannelWriter<CompletionDelta>? stream, CancellationToken cancellation)
    {
        private CompletionChoice?[] _choices = [];
        private int _remaining;

        public CompletionJob Job { get; } = job;
        public ChannelWriter<CompletionDelta>? Stream { get; } = stream;
        public CancellationToken Cancellation { get; } = cancellation;
        public TaskCompletionSource<CompletionOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int PromptTokens { get; set; }
        public int MaxTokens { get; set; }
        public bool IsCompleted => Completion.Task.IsCompleted;

        public void Start(int choices)
        {
            _choices = new CompletionChoice?[choices];
            _remaining = choices;
        }

        public void Emit(CompletionDelta delta) => Stream?.TryWrite(delta);

        public void ChoiceFinished(ActiveChoice choice)
        {
            choice.Sequence.Dispose();
            if (IsCompleted)
            {
                return;
            }
            _choices[choice.Index] = choice.Result;
            if (--_remaining == 0)
            {
                var choices = _choices.Select(c => c!).ToArray();
                Stream?.TryComplete();
                Completion.TrySetResult(new CompletionOutcome(choices, PromptTokens, choices.Sum(c => c.Tokens)));
            }
        }

        public void Fail(Exception error)
        {
            Stream?.TryComplete(error);
            if (error is OperationCanceledException cancelled)
            {
                Completion.TrySetCanceled(cancelled.CancellationToken);
            }
            else
            {
                Completion.TrySetException(error);
            }
        }
    }

    /// <summary>Routes the backend's per-token progress to the choice decoding that sequence (reports arrive on the decode thread, in order).</summary>
    private sealed class TokenStream(Dictionary<int, ActiveChoice> bySequence) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value)
        {
            if (bySequence.TryGetValue(value.SequenceId, out var choice))
            {
                choice.OnToken(value.Delta);
            }
        }
    }

    private sealed class ActiveChoice(PendingJob job, int index, IGenerationSequence sequence)
    {
        private readonly StringBuilder _text = new();
        private readonly StopStringMatcher _stops = new(job.Job.Stop);
        private int _emitted;
        private int _decoded;
        private int _streamedThisStep;
        private int? _stopCut;
        private string? _stop;

        public PendingJob Job { get; } = job;
        public int Index { get; } = index;
        public IGenerationSequence Sequence { get; } = sequence;
        public int Remaining => Job.MaxTokens - _decoded;
        public CompletionChoice? Result { get; private set; }

        public void FinishEmpty()
        {
            Result = new CompletionChoice(Index, string.Empty, FinishReason.Length, null, 0);
            Job.Emit(new CompletionDelta(Index, string.Empty, FinishReason.Length, null, 0, Job.PromptTokens));
        }

        /// <summary>One token was sampled: stream its text now (less what could still turn out to be a dropped stop string).</summary>
        public void OnToken(string piece)
        {
            _streamedThisStep += piece.Length;
            Feed(piece);
        }

        /// <summary>Adds one step's result; returns true when the choice is finished.</summary>
        public bool Apply(GenerationResult result, int contextTokens)
        {
            _decoded += result.TokensDecoded;
            // progress carried the step's text token by token; whatever it did not carry comes from the result
            var carried = _streamedThisStep <= result.Text.Length ? _streamedThisStep : 0;
            _streamedThisStep = 0;
            if (carried < result.Text.Length)
            {
                Feed(result.Text[carried..]);
            }
            if (_stopCut is { } cut)
            {
                return Finish(cut, FinishReason.Stop, _stop);
            }
            if (result.Reason == FinishReason.EndOfSequence)
            {
                return Finish(_text.Length, FinishReason.EndOfSequence, null);
            }
            if (Remaining <= 0 || Sequence.ContextTokens >= contextTokens)
            {
                return Finish(_text.Length, FinishReason.Length, null);
            }
            return false;
        }

        private void Feed(string piece)
        {
            if (_stopCut is not null || piece.Length == 0)
            {
                return;
            }
            var before = _text.Length;
            _text.Append(piece);
            // the backend sees one step at a time; a stop string spanning two steps is caught here
            var stop = _stops.Feed(piece, out var endInPiece);
            if (stop is not null)
            {
                var end = before + endInPiece;
                _stopCut = Job.Job.IncludeStop ? end : end - stop.Length;
                _stop = stop;
                return;
            }
            // hold back what could still become the start of a stop string that will be dropped
            var safe = Math.Max(_emitted, _text.Length - Math.Max(0, _stops.LongestStop - 1));
            if (safe > _emitted)
            {
                Job.Emit(new CompletionDelta(Index, _text.ToString(_emitted, safe - _emitted), null, null));
                _emitted = safe;
            }
        }

        private bool Finish(int length, FinishReason reason, string? stop)
        {
            var text = _text.ToString(0, length);
            Result = new CompletionChoice(Index, text, reason, stop, _decoded);
            Job.Emit(new CompletionDelta(Index, length > _emitted ? text[_emitted..] : string.Empty, reason, stop, _decoded, Job.PromptTokens));
            return true;
        }
    }
}
