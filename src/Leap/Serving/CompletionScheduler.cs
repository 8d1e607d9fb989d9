using System.Text;
using System.Threading.Channels;
using Kinship.Leap.Backends;

namespace Kinship.Leap.Serving;

/// <summary>
/// Serves concurrent completion requests from one generation backend (continuous batching, as vLLM and llama-server do): the
/// scheduler alone owns the backend, requests queue their choices, and every step decodes all active choices of all requests in
/// one batched call of one token each by default, so a request that arrives mid-generation joins at the next token step. Text
/// streams as each token is sampled (the backend's progress reports); requests with the same prompt admitted together (and a
/// request with n choices) prefill that prompt once and fork it, and the llama.cpp backend lends a new prompt the KV cells of a
/// prefix it shares with a live sequence. On a backend with a decode thread of its own (<see cref="IDecodeThreadBackend"/>) the
/// whole loop runs on that thread while any request is active: admissions and token steps follow each other with no thread
/// hop, and a new prompt is evaluated in the same batch as the running choices' next tokens.
/// </summary>
public sealed class CompletionScheduler : IAsyncDisposable
{
    private readonly IGenerationBackend _backend;
    private readonly IDecodeThreadBackend? _decodeThread;
    private readonly int _tokensPerStep;
    private readonly Channel<PendingJob> _queue = Channel.CreateUnbounded<PendingJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    // the loop's state: touched only by the loop (on the decode thread, or on the pool for other backends), one round at a time
    private readonly List<ActiveChoice> _active = [];
    private readonly List<PendingJob> _liveJobs = [];
    private readonly List<PromptRoot> _roots = [];
    private readonly List<GenerationRequest> _requests = [];
    private readonly Dictionary<int, ActiveChoice> _bySequence = [];
    private readonly TokenStream _tokens;

    /// <summary>Starts the scheduling loop over <paramref name="backend"/>, decoding <paramref name="tokensPerStep"/> tokens per batched step (new requests join between steps).</summary>
    public CompletionScheduler(IGenerationBackend backend, int tokensPerStep = 1)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokensPerStep, 1);
        _backend = backend;
        _decodeThread = backend as IDecodeThreadBackend;
        _tokensPerStep = tokensPerStep;
        _tokens = new TokenStream(_bySequence);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The backend served.</summary>
    public BackendInfo Info => _backend.Info;

    /// <summary>Called after every admission round with how many requests it admitted and for how many distinct prompts (diagnostics; on the scheduler's loop, keep it cheap).</summary>
    public Action<int, int>? AdmissionObserver { get; set; }

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
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (_active.Count == 0 && _roots.Count == 0 && !_queue.Reader.TryPeek(out _))
                {
                    if (!await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                try
                {
                    if (_decodeThread is null)
                    {
                        await RoundAsync(stopping).ConfigureAwait(false);
                        continue;
                    }
                    // rounds follow each other on the decode thread until nothing is active or queued
                    await _decodeThread.RunOnDecodeThreadAsync(() =>
                    {
                        while (!stopping.IsCancellationRequested)
                        {
                            var round = RoundAsync(stopping);
                            if (!round.IsCompleted)
                            {
                                throw new InvalidOperationException("a scheduling round on the decode thread did not complete synchronously");
                            }
                            if (!round.GetAwaiter().GetResult())
                            {
                                break;
                            }
                        }
                        return true;
                    }).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    FailInFlight(e); // an unexpected failure ends the requests in flight, not the server: queued requests still run
                }
            }
        }
        finally
        {
            // back on the pool: disposing hops to the decode thread, which is free again
            foreach (var choice in _active)
            {
                choice.Sequence.Dispose();
            }
            foreach (var root in _roots)
            {
                root.Sequence.Dispose();
            }
            foreach (var job in _liveJobs)
            {
                job.Fail(new OperationCanceledException("the server is stopping"));
            }
            while (_queue.Reader.TryRead(out var queued))
            {
                queued.Fail(new OperationCanceledException("the server is stopping"));
            }
        }
    }

    /// <summary>
    /// One round: admit what is queued (as capacity allows), drop cancelled requests, then one batched step that decodes every
    /// active choice's next token and evaluates the new prompts. Returns false when nothing was left to do. On an
    /// <see cref="IDecodeThreadBackend"/> every await here completes synchronously.
    /// </summary>
    private async ValueTask<bool> RoundAsync(CancellationToken stopping)
    {
        await AdmitAsync(stopping).ConfigureAwait(false);
        if (_decodeThread is null)
        {
            ForkRoots(); // StartAsync prefilled them: fork before a step overwrites their logits
        }
        DropCancelled();
        if (_active.Count == 0 && _roots.Count == 0)
        {
            return false;
        }

        _requests.Clear();
        _bySequence.Clear();
        foreach (var choice in _active)
        {
            // a fresh fork samples its first token from its prompt's logits, with no decode, so it asks for one token more: that
            // token then joins this step's batch instead of waiting a step
            _requests.Add(choice.Request(Math.Min(_tokensPerStep + (choice.IsFresh ? 1 : 0), choice.Remaining)));
            if (choice.Job.Streams)
            {
                _bySequence[choice.Sequence.Id] = choice; // only a streamed choice needs its text token by token
            }
        }
        foreach (var root in _roots)
        {
            _requests.Add(new GenerationRequest(root.Sequence, 0, [])); // evaluates the prompt in this step's batch, samples nothing
        }
        var progress = _bySequence.Count > 0 ? _tokens : null;
        IReadOnlyList<GenerationResult> results;
        try
        {
            results = _decodeThread is null
                ? await _backend.GenerateAsync(_requests, progress, stopping).ConfigureAwait(false)
                : _decodeThread.Generate(_requests, progress, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            foreach (var job in _liveJobs)
            {
                job.Fail(e);
            }
            foreach (var root in _roots)
            {
                root.Sequence.Dispose();
            }
            _roots.Clear();
            DropCancelled();
            return true;
        }

        var contextTokens = _backend.Info.ContextTokens;
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            var choice = _active[i];
            if (choice.Apply(results[i], contextTokens))
            {
                _active.RemoveAt(i);
                choice.Job.ChoiceFinished(choice);
            }
        }
        ForkRoots(); // the step evaluated the new prompts: their logits are current, every fork samples its first token next step
        _liveJobs.RemoveAll(static j => j.IsCompleted);
        return true;
    }

    /// <summary>Sequences held by active choices and by prompts waiting for their forks.</summary>
    private int Reserved
    {
        get
        {
            var reserved = _active.Count;
            foreach (var root in _roots)
            {
                reserved += 1 + root.Choices;
            }
            return reserved;
        }
    }

    private async ValueTask AdmitAsync(CancellationToken stopping)
    {
        var capacity = _backend.Info.MaxSequences;
        var admitted = 0;
        var prompts = _roots.Count;
        while (_queue.Reader.TryPeek(out var next))
        {
            // requests with the same prompt admitted in one round share its evaluation; a new prompt's sequence lives until its
            // choices are forked, so it needs n + 1 slots at admission
            var root = _roots.Find(r => string.Equals(r.Prompt, next.Job.Prompt, StringComparison.Ordinal));
            var reserved = Reserved;
            if (reserved > 0 && reserved + next.Job.N + (root is null ? 1 : 0) > capacity)
            {
                break;
            }
            _queue.Reader.TryRead(out _);
            if (next.Cancellation.IsCancellationRequested)
            {
                next.Fail(new OperationCanceledException(next.Cancellation));
                continue;
            }
            if (root is null)
            {
                IGenerationSequence sequence;
                try
                {
                    var job = next.Job;
                    sequence = _decodeThread is null
                        ? await _backend.StartAsync(job.Prompt, job.Sampling, stopping).ConfigureAwait(false)
                        : _decodeThread.Open(job.Prompt, job.Sampling);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    next.Fail(e is InvalidOperationException or ArgumentException ? new CompletionRejectedException(e.Message, e) : e);
                    continue;
                }
                root = new PromptRoot(next.Job.Prompt, sequence);
                _roots.Add(root);
            }
            next.PromptTokens = root.Sequence.ContextTokens;
            next.MaxTokens = next.Job.MaxTokens ?? Math.Max(0, _backend.Info.ContextTokens - root.Sequence.ContextTokens);
            root.Jobs.Add(next);
            _liveJobs.Add(next);
            admitted++;
        }
        if (admitted > 0)
        {
            AdmissionObserver?.Invoke(admitted, _roots.Count - prompts);
        }
    }

    /// <summary>Forks every evaluated prompt into its requests' choices (choice i samples with seed + i) and frees the prompt's own sequence.</summary>
    private void ForkRoots()
    {
        foreach (var root in _roots)
        {
            try
            {
                foreach (var job in root.Jobs)
                {
                    if (job.IsCompleted)
                    {
                        continue; // cancelled while its prompt was evaluated
                    }
                    var forks = new List<IGenerationSequence>(job.Job.N);
                    try
                    {
                        for (var i = 0; i < job.Job.N; i++)
                        {
                            forks.Add(root.Sequence.Fork(job.Job.Sampling with { Seed = unchecked(job.Job.Sampling.Seed + (ulong)i) }));
                        }
                    }
                    catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                    {
                        foreach (var fork in forks)
                        {
                            fork.Dispose();
                        }
                        job.Fail(new CompletionRejectedException(e.Message, e));
                        continue;
                    }
                    job.Start(forks.Count);
                    for (var i = 0; i < forks.Count; i++)
                    {
                        var choice = new ActiveChoice(job, i, forks[i]);
                        if (job.MaxTokens == 0)
                        {
                            choice.FinishEmpty();
                            job.ChoiceFinished(choice);
                        }
                        else
                        {
                            _active.Add(choice);
                        }
                    }
                }
            }
            finally
            {
                root.Sequence.Dispose();
            }
        }
        _roots.Clear();
        _liveJobs.RemoveAll(static j => j.IsCompleted);
    }

    private void FailInFlight(Exception error)
    {
        foreach (var job in _liveJobs)
        {
            job.Fail(error);
        }
        foreach (var choice in _active)
        {
            choice.Sequence.Dispose();
        }
        foreach (var root in _roots)
        {
            root.Sequence.Dispose();
        }
        _active.Clear();
        _roots.Clear();
        _liveJobs.Clear();
    }

    private void DropCancelled()
    {
        foreach (var job in _liveJobs)
        {
            if (job.Cancellation.IsCancellationRequested)
            {
                job.Fail(new OperationCanceledException(job.Cancellation));
            }
        }
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            if (_active[i].Job.IsCompleted)
            {
                _active[i].Sequence.Dispose();
                _active.RemoveAt(i);
            }
        }
        _liveJobs.RemoveAll(static j => j.IsCompleted);
    }

    /// <summary>A prompt admitted this round: its sequence, evaluated once, and the requests whose choices fork from it.</summary>
    private sealed class PromptRoot(string prompt, IGenerationSequence sequence)
    {
        public string Prompt { get; } = prompt;
        public IGenerationSequence Sequence { get; } = sequence;
        public List<PendingJob> Jobs { get; } = [];
        public int Choices => Jobs.Sum(static j => j.Job.N);
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

        public bool Streams => Stream is not null;

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
        private GenerationRequest? _request;

        public PendingJob Job { get; } = job;
        public int Index { get; } = index;
        public IGenerationSequence Sequence { get; } = sequence;
        public int Remaining => Job.MaxTokens - _decoded;

        /// <summary>True before the choice's first step: its prompt's logits are ready to sample.</summary>
        public bool IsFresh => _decoded == 0;

        /// <summary>This choice's request for a step of <paramref name="tokens"/> tokens (the same object while the step size stays).</summary>
        public GenerationRequest Request(int tokens)
        {
            if (_request is null || _request.MaxTokens != tokens)
            {
                _request = new GenerationRequest(Sequence, tokens, Job.Job.Stop);
            }
            return _request;
        }
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
            if (safe > _emitted && Job.Streams)
            {
                Job.Emit(new CompletionDelta(Index, _text.ToString(_emitted, safe - _emitted), null, null));
                _emitted = safe;
            }
        }

        private bool Finish(int length, FinishReason reason, string? stop)
        {
            var text = _text.ToString(0, length);
            Result = new CompletionChoice(Index, text, reason, stop, _decoded);
            if (Job.Streams)
            {
                Job.Emit(new CompletionDelta(Index, length > _emitted ? text[_emitted..] : string.Empty, reason, stop, _decoded, Job.PromptTokens));
            }
            return true;
        }
    }
}
