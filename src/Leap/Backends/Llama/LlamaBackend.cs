using System.Diagnostics;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;

namespace Kinship.Leap.Backends.Llama;

/// <summary>
/// The in-process llama.cpp backend: every sequence is a slot in one unified KV cache, forks share their prompt's cells, and
/// one decode call per step advances every active sequence. Every decode, and the sampling between decodes, runs synchronously
/// on one dedicated thread owned by the backend (<see cref="DecodeThreadId"/>), so llama.cpp keeps one team of worker threads.
/// Not thread-safe: one generation call at a time.
/// </summary>
public sealed class LlamaBackend : IDecodeThreadBackend
{
    private readonly LLamaWeights _weights;
    private readonly LlamaBatchDecoder _decoder;
    private readonly LlamaDecodeThread _thread;
    private readonly GgufMetadata _metadata;
    private const int PieceBytes = 256;
    private static readonly StopStringMatcher NoStops = new([]);
    private readonly byte[] _pieceBuffer = new byte[PieceBytes];
    private char[] _deltaBuffer = new char[64];
    private readonly List<LlamaSequence> _sequences = [];
    private long _reusedPromptTokens;
    private int _nextSequenceId;
    private int _liveSequences;
    private int _busy;
    private bool _disposed;

    private LlamaBackend(LlamaBackendOptions options, GgufMetadata metadata, LLamaWeights weights, LlamaBatchDecoder decoder, LlamaDecodeThread thread)
    {
        Options = options;
        _metadata = metadata;
        _weights = weights;
        _decoder = decoder;
        _thread = thread;
        Timings = options.CollectTimings ? new LlamaTimings() : null;
        Info = new BackendInfo(Path.GetFileName(options.ModelPath), options.ContextTokens, options.MaxSequences);
    }

    /// <summary>Managed id of the one thread every decode and sampling step of this backend runs on.</summary>
    public int DecodeThreadId => _thread.ManagedThreadId;

    /// <summary>Called on the decode thread after every <c>llama_decode</c>, with the thread id and batch of that step (diagnostics; keep it cheap).</summary>
    public Action<LlamaDecodeStep>? DecodeStepObserver { get; set; }

    /// <summary>Per-phase timings, or null unless <see cref="LlamaBackendOptions.CollectTimings"/> is on.</summary>
    public LlamaTimings? Timings { get; }

    /// <inheritdoc />
    public BackendInfo Info { get; }

    /// <summary>The options this backend was loaded with.</summary>
    public LlamaBackendOptions Options { get; }

    /// <summary>KV cells llama.cpp reserved for all sequences together (n_ctx, padded by llama.cpp).</summary>
    public int KvCacheCells => checked((int)_decoder.ContextSize);

    /// <summary>The context length the model was trained for.</summary>
    public int TrainedContextTokens => _weights.ContextSize;

    /// <summary>Start-prompt tokens whose KV cells were shared from a live sequence with the same prefix instead of prefilled (all starts so far).</summary>
    public long ReusedPromptTokens => Interlocked.Read(ref _reusedPromptTokens);

    /// <summary>Sequences currently alive (started or forked, not disposed).</summary>
    public int LiveSequences => Volatile.Read(ref _liveSequences);

    /// <summary>
    /// Loads a GGUF model: checks the file (exists, GGUF magic) and that the requested context fits the model
    /// before llama.cpp sees it, then loads the weights on CPU and reserves the unified KV cache.
    /// </summary>
    public static async Task<LlamaBackend> LoadAsync(LlamaBackendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var path = Path.GetFullPath(options.ModelPath);
        var metadata = GgufMetadata.Read(path);
        if (metadata.TrainedContextLength is { } trained && options.ContextTokens > trained)
        {
            throw new LlamaModelException(
                $"{path} was trained for a context of {trained} tokens; {options.ContextTokens} tokens per sequence do not fit. Lower the budget (interval × segments, summary tokens) or use a model with a longer context.");
        }

        NativeLogConfig.llama_log_set(static (level, message) =>
        {
            // llama.cpp is chatty on load; only its errors are worth a line on stderr
            if (level == LLamaLogLevel.Error)
            {
                Console.Error.Write("llama.cpp: " + message);
            }
        });

        var parameters = new ModelParams(path)
        {
            ContextSize = checked((uint)options.EffectiveKvCacheTokens),
            SeqMax = checked((uint)options.MaxSequences),
            // Conversation.Fork copies cells between sequences; without a unified cache llama.cpp aborts when SeqMax > 1
            KVUnified = true,
            BatchSize = checked((uint)options.BatchSize),
            UBatchSize = checked((uint)options.BatchSize),
            Threads = options.Threads,
            BatchThreads = options.Threads,
            GpuLayerCount = 0,
            FlashAttention = options.FlashAttention,
        };

        LLamaWeights weights;
        try
        {
            weights = await LLamaWeights.LoadFromFileAsync(parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (LoadWeightsFailedException e)
        {
            throw new LlamaModelException($"llama.cpp could not load {path}: the GGUF file is damaged or its architecture is not supported by this llama.cpp build", e);
        }

        var thread = new LlamaDecodeThread("llama-decode " + Path.GetFileName(path));
        try
        {
            // the context is created on the decode thread too: everything llama.cpp does with it happens there
            var decoder = await thread.RunAsync(() => new LlamaBatchDecoder(weights.CreateContext(parameters), options.MaxSequences)).ConfigureAwait(false);
            return new LlamaBackend(options with { ModelPath = path }, metadata, weights, decoder, thread);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            thread.Dispose();
            weights.Dispose();
            throw new LlamaModelException(
                $"llama.cpp could not create a context of {options.EffectiveKvCacheTokens} KV cells for {options.MaxSequences} sequences with {path}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfDisposed();
        return TokenizeContinuation(text).Length;
    }

    /// <summary>Tokenizes <paramref name="text"/> as a start prompt (with the model's BOS when it wants one).</summary>
    public int CountPromptTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfDisposed();
        return TokenizePrompt(text).Length;
    }

    /// <inheritdoc />
    public string? ApplyChatTemplate(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ThrowIfDisposed();
        if (_metadata.ChatTemplate is null)
        {
            return null;
        }
        try
        {
            var template = new LLamaTemplate(_weights.NativeHandle, null, strict: false) { AddAssistant = addGenerationPrompt };
            foreach (var message in messages)
            {
                template.Add(message.Role, message.Content);
            }
            return Encoding.UTF8.GetString(template.Apply());
        }
        catch (Exception e) when (e is TemplateNotFoundException or MissingTemplateException)
        {
            return null; // llama.cpp recognises a fixed set of templates; anything else falls back to a named family
        }
    }

    /// <inheritdoc />
    public async Task<IGenerationSequence> StartAsync(string prompt, SamplingOptions sampling, CancellationToken cancellationToken)
    {
        var tokens = CheckedPrompt(prompt, sampling);
        EnterBusy();
        LlamaSequence? sequence = null;
        try
        {
            sequence = CreateSequence(tokens, sampling);
            var created = sequence;
            // the start prompt is pending in full: prefill it now, once, on the decode thread; forks share it
            await _thread.RunAsync(() => Timed(() =>
            {
                ReusePrefix(created);
                var prefilled = created.PromptPending();
                Timings?.AddPromptTokens(prefilled);
                DecodeAll(cancellationToken);
                return true;
            })).ConfigureAwait(false);
            return sequence;
        }
        catch
        {
            sequence?.Dispose();
            throw;
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <inheritdoc />
    public Task<T> RunOnDecodeThreadAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfDisposed();
        return Timings is null ? _thread.RunAsync(work) : _thread.RunAsync(() => Timed(work, hosted: true));
    }

    /// <inheritdoc />
    public IGenerationSequence Open(string prompt, SamplingOptions sampling)
    {
        ThrowIfNotOnDecodeThread();
        var tokens = CheckedPrompt(prompt, sampling);
        EnterBusy();
        LlamaSequence? sequence = null;
        try
        {
            sequence = CreateSequence(tokens, sampling);
            ReusePrefix(sequence); // the rest of the prompt stays pending: the next generation call evaluates it with the others' tokens
            return sequence;
        }
        catch
        {
            sequence?.Dispose();
            throw;
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        var runs = PrepareRuns(requests);
        EnterBusy();
        try
        {
            return await _thread.RunAsync(() => TimedGenerate(runs, progress, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<GenerationResult> Generate(IReadOnlyList<GenerationRequest> requests, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        ThrowIfNotOnDecodeThread();
        var runs = PrepareRuns(requests);
        EnterBusy();
        try
        {
            return TimedGenerate(runs, progress, cancellationToken);
        }
        finally
        {
            ExitBusy();
        }
    }

    private LLamaToken[] CheckedPrompt(string prompt, SamplingOptions sampling)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(sampling);
        ThrowIfDisposed();
        var tokens = TokenizePrompt(prompt);
        if (tokens.Length == 0)
        {
            throw new ArgumentException("the prompt is empty and the model adds no BOS token; give a non-empty prompt", nameof(prompt));
        }
        if (tokens.Length > Info.ContextTokens)
        {
            throw new InvalidOperationException($"the prompt is {tokens.Length} tokens; the context holds {Info.ContextTokens} tokens per sequence");
        }
        return tokens;
    }

    private LlamaSequence CreateSequence(LLamaToken[] tokens, SamplingOptions sampling)
    {
        var slot = CreateSlot();
        var sequence = new LlamaSequence(this, NextSequenceId(), slot, tokens, tokens.Length, [], string.Empty, sampling);
        Register(sequence);
        return sequence;
    }

    private RequestRun[] PrepareRuns(IReadOnlyList<GenerationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ThrowIfDisposed();
        var runs = new RequestRun[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i] ?? throw new ArgumentException($"request {i} is null", nameof(requests));
            if (request.Sequence is not LlamaSequence sequence || !ReferenceEquals(sequence.Backend, this))
            {
                throw new ArgumentException($"request {i}: the sequence does not belong to this backend", nameof(requests));
            }
            ObjectDisposedException.ThrowIf(sequence.IsDisposed, sequence);
            for (var j = 0; j < i; j++)
            {
                if (ReferenceEquals(runs[j].Sequence, sequence))
                {
                    throw new ArgumentException($"request {i}: sequence {sequence.Id} appears twice", nameof(requests));
                }
            }
            ArgumentOutOfRangeException.ThrowIfNegative(request.MaxTokens);
            var stops = request.StopStrings is { Count: > 0 } list ? new StopStringMatcher(list) : NoStops;
            if (stops.IsActive)
            {
                // a stop string may begin in text the sequence already holds (a segment boundary cuts it) and end in new text
                stops.Prime(sequence.TextTail(stops.LongestStop - 1));
            }
            runs[i] = new RequestRun(sequence, request.MaxTokens, stops);
        }
        return runs;
    }

    // on the decode thread
    private GenerationResult[] TimedGenerate(RequestRun[] runs, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken) =>
        Timings is null ? Generate(runs, progress, cancellationToken) : Timed(() => Generate(runs, progress, cancellationToken));

    // on the decode thread: runs work, adding its wall time and allocations to the timings as a generation call, or as a caller's
    // loop hosted on the decode thread (generation calls inside it included)
    private T Timed<T>(Func<T> work, bool hosted = false)
    {
        var timings = Timings;
        if (timings is null)
        {
            return work();
        }
        var clock = Stopwatch.GetTimestamp();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            return work();
        }
        finally
        {
            var ticks = Stopwatch.GetTimestamp() - clock;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            if (hosted)
            {
                timings.AddHosted(ticks, bytes);
            }
            else
            {
                timings.AddGeneration(ticks, bytes);
            }
        }
    }

    // runs on the decode thread: sample, detokenize, check stops and decode, step after step, with no thread hop in between
    private GenerationResult[] Generate(RequestRun[] runs, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            var active = 0;
            foreach (var run in runs)
            {
                run.TextStart = run.Sequence.TextLength; // what this call decodes is the sequence's text from here on
                run.Prefilled = run.Sequence.PromptPending();
                Timings?.AddPromptTokens(run.Prefilled);
                if (run.MaxTokens == 0 || run.Sequence.IsFull)
                {
                    run.Finish(FinishReason.Length);
                }
                else
                {
                    active++;
                }
            }

            var vocab = _weights.NativeHandle.Vocab;
            var context = _decoder.Context;
            var timings = Timings;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // sample every sequence whose logits are ready before the next decode: a sequence forked or
                // evaluated earlier samples now, and its token joins the same batch as other sequences' prefill
                foreach (var run in runs)
                {
                    if (run.Reason is not null || !run.Sequence.Slot.RequiresSampling)
                    {
                        continue;
                    }
                    var sequence = run.Sequence;
                    var t0 = timings is null ? 0 : Stopwatch.GetTimestamp();
                    var token = sequence.Sampler.Sample(context, sequence.Slot.LogitsIndex);
                    run.Decoded++;
                    if (timings is not null)
                    {
                        timings.AddSampling(Stopwatch.GetTimestamp() - t0);
                        timings.AddSampled();
                    }
                    if (token.IsEndOfGeneration(vocab))
                    {
                        sequence.CountEndOfSequence();
                        run.Finish(FinishReason.EndOfSequence);
                        active--;
                        continue;
                    }
                    var t1 = timings is null ? 0 : Stopwatch.GetTimestamp();
                    var start = sequence.TextLength;
                    sequence.AcceptSampled(token, Piece(token, _pieceBuffer));
                    var added = sequence.TextLength - start;
                    // the new characters as a span over a reused buffer: a string is made only for a progress observer
                    var delta = Delta(sequence, start, added);
                    var t2 = timings is null ? 0 : Stopwatch.GetTimestamp();
                    if (progress is not null)
                    {
                        progress.Report(new GenerationProgress(sequence.Id, added == 0 ? string.Empty : delta.ToString(), run.Decoded));
                    }
                    var t3 = timings is null ? 0 : Stopwatch.GetTimestamp();
                    var stop = run.Stops.Feed(delta);
                    if (timings is not null)
                    {
                        var t4 = Stopwatch.GetTimestamp();
                        timings.AddDetokenize(t2 - t1);
                        timings.AddProgress(t3 - t2);
                        timings.AddStopCheck(t4 - t3);
                    }
                    if (stop is not null)
                    {
                        run.Finish(FinishReason.Stop, stop);
                        active--;
                    }
                    else if (run.Decoded >= run.MaxTokens || sequence.IsFull)
                    {
                        run.Finish(FinishReason.Length);
                        active--;
                    }
                    else
                    {
                        sequence.PromptLastSampled();
                    }
                }

                if (_decoder.QueuedTokens > 0)
                {
                    DecodeOnce();
                }
                else if (active == 0)
                {
                    break;
                }
                else
                {
                    throw new InvalidOperationException("generation stalled: an active sequence neither waits for inference nor can be sampled");
                }
            }

            var results = new GenerationResult[runs.Length];
            for (var i = 0; i < runs.Length; i++)
            {
                var run = runs[i];
                results[i] = new GenerationResult(run.Sequence.TextSince(run.TextStart), run.Reason!.Value, run.MatchedStop, run.Decoded, run.Prefilled);
            }
            return results;
        }
        catch (OperationCanceledException)
        {
            Drain(); // no queued token may outlive the call: every sequence is consistent again
            throw;
        }
    }

    private ReadOnlySpan<char> Delta(LlamaSequence sequence, int start, int length)
    {
        if (length > _deltaBuffer.Length)
        {
            _deltaBuffer = new char[Math.Max(length, _deltaBuffer.Length * 2)];
        }
        sequence.CopyText(start, _deltaBuffer.AsSpan(0, length));
        return _deltaBuffer.AsSpan(0, length);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _thread.Run(() =>
            {
                _decoder.Dispose();
                return true;
            });
            _thread.Dispose();
            _weights.Dispose();
            if (Timings is not null && LlamaBackendOptions.TimingsRequested)
            {
                Console.Error.WriteLine(Timings.Format()); // KINSHIP_TIMINGS=1: the breakdown of this backend's life
            }
        }
        return ValueTask.CompletedTask;
    }

    internal int NextSequenceId() => Interlocked.Increment(ref _nextSequenceId) - 1;

    internal void ThrowIfGenerating()
    {
        ThrowIfDisposed();
        if (Volatile.Read(ref _busy) != 0)
        {
            throw new InvalidOperationException("a sequence cannot be changed while a generation call is running on its backend");
        }
    }

    internal LlamaSlot ForkSlot(LlamaSlot parent)
    {
        ReserveSlot();
        try
        {
            return _thread.Run(parent.Fork);
        }
        catch
        {
            Interlocked.Decrement(ref _liveSequences);
            throw;
        }
    }

    /// <summary>Tracks a live sequence (a start prompt or a fork) as a source of shareable prompt prefixes.</summary>
    internal void Register(LlamaSequence sequence)
    {
        lock (_sequences)
        {
            _sequences.Add(sequence);
        }
    }

    internal void Release(LlamaSequence sequence)
    {
        lock (_sequences)
        {
            _sequences.Remove(sequence);
        }
        if (!_disposed)
        {
            var slot = sequence.Slot;
            _thread.Run(() =>
            {
                slot.Dispose();
                return true;
            });
        }
        Interlocked.Decrement(ref _liveSequences);
    }

    /// <summary>Removes the last <paramref name="tokens"/> evaluated tokens of <paramref name="slot"/> from the KV cache, on the decode thread.</summary>
    internal void Rewind(LlamaSlot slot, int tokens) => _thread.Run(() =>
    {
        slot.Rewind(tokens);
        return true;
    });

    /// <summary>Tokenizes appended text, timed as a phase when timings are on.</summary>
    internal LLamaToken[] TokenizeAppended(string text)
    {
        var t0 = Timings is null ? 0 : Stopwatch.GetTimestamp();
        var tokens = TokenizeContinuation(text);
        Timings?.AddTokenize(Stopwatch.GetTimestamp() - t0);
        return tokens;
    }

    /// <summary>
    /// Tokens of <paramref name="text"/> continuing a context. SentencePiece tokenizers prefix a fragment with a
    /// space ("▁"); mid-context that space is not in the text, so when the pieces do not spell the text exactly the
    /// text is tokenized after a newline (which never merges with what follows) and the newline's tokens dropped.
    /// </summary>
    internal LLamaToken[] TokenizeContinuation(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }
        var plain = _weights.NativeHandle.Tokenize(text, false, true, Encoding.UTF8);
        if (Spells(plain, text))
        {
            return plain;
        }
        var marked = _weights.NativeHandle.Tokenize("\n" + text, false, true, Encoding.UTF8);
        var buffer = new byte[PieceBytes];
        var prefix = new StringBuilder();
        for (var i = 0; i < marked.Length; i++)
        {
            prefix.Append(Encoding.UTF8.GetString(Piece(marked[i], buffer)));
            if (prefix.Length > 2)
            {
                break;
            }
            if (prefix.ToString() is "\n" or " \n")
            {
                var rest = marked[(i + 1)..];
                return Spells(rest, text) ? rest : plain;
            }
        }
        return plain;
    }

    private bool Spells(ReadOnlySpan<LLamaToken> tokens, string text)
    {
        var bytes = new List<byte>(text.Length * 2);
        var buffer = new byte[PieceBytes];
        foreach (var token in tokens)
        {
            bytes.AddRange(Piece(token, buffer));
        }
        return Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)) == text;
    }

    internal string[] DetokenizePieces(ReadOnlySpan<LLamaToken> tokens)
    {
        var pieces = new string[tokens.Length];
        var buffer = new byte[PieceBytes];
        for (var i = 0; i < tokens.Length; i++)
        {
            pieces[i] = Encoding.UTF8.GetString(Piece(tokens[i], buffer));
        }
        return pieces;
    }

    private LLamaToken[] TokenizePrompt(string text) =>
        _weights.NativeHandle.Tokenize(text, _weights.Vocab.ShouldAddBOS, true, Encoding.UTF8);

    // the decode thread uses _pieceBuffer; tokenization runs on callers' threads (a server counts a request's tokens while another
    // decodes), so those paths bring their own buffer
    private ReadOnlySpan<byte> Piece(LLamaToken token, byte[] buffer)
    {
        var length = (int)_weights.NativeHandle.TokenToSpan(token, buffer);
        if (length <= buffer.Length)
        {
            return buffer.AsSpan(0, length);
        }
        var large = new byte[length];
        _weights.NativeHandle.TokenToSpan(token, large);
        return large;
    }

    private LlamaSlot CreateSlot()
    {
        ReserveSlot();
        try
        {
            return _decoder.Create();
        }
        catch
        {
            Interlocked.Decrement(ref _liveSequences);
            throw;
        }
    }

    private void ReserveSlot()
    {
        if (Interlocked.Increment(ref _liveSequences) > Options.MaxSequences)
        {
            Interlocked.Decrement(ref _liveSequences);
            throw new InvalidOperationException(
                $"all {Options.MaxSequences} sequence slots are in use; dispose a sequence or load the backend with more sequences (N paths need N + 1)");
        }
    }

    // on the decode thread, for a new start prompt: llama-server's prompt cache across slots. The live sequence whose evaluated
    // tokens share the longest prefix with the prompt lends those cells (llama_memory_seq_cp of that range; a unified cache shares
    // them), so only the rest is prefilled. The prompt's last token is always evaluated again: its logits start the sampling.
    private void ReusePrefix(LlamaSequence created)
    {
        LlamaSequence? best = null;
        var bestCells = 0;
        lock (_sequences)
        {
            foreach (var live in _sequences)
            {
                if (ReferenceEquals(live, created) || live.IsDisposed)
                {
                    continue;
                }
                var common = created.CommonEvaluatedPrefix(live, created.ContextTokens - 1);
                if (common > bestCells)
                {
                    (best, bestCells) = (live, common);
                }
            }
        }
        if (best is null)
        {
            return;
        }
        _decoder.SharePrefix(best.Slot, created.Slot, bestCells);
        created.ReusedPromptTokens = bestCells;
        Interlocked.Add(ref _reusedPromptTokens, bestCells);
    }

    // on the decode thread: decode until nothing is queued
    private void DecodeAll(CancellationToken cancellationToken)
    {
        while (_decoder.QueuedTokens > 0)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Drain();
                cancellationToken.ThrowIfCancellationRequested();
            }
            DecodeOnce();
        }
    }

    // never interrupts llama.cpp mid-batch: cancellation is honoured between steps, where every sequence is consistent
    private void DecodeOnce()
    {
        var t0 = Stopwatch.GetTimestamp();
        var result = _decoder.DecodeOnce(out var tokens, out var sequences);
        var ticks = Stopwatch.GetTimestamp() - t0;
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException(result == DecodeResult.NoKvSlot
                ? $"the KV cache ({KvCacheCells} cells shared by {LiveSequences} live sequences) is full; load the backend with more KV cache tokens or fewer sequences"
                : $"llama.cpp failed to decode a batch ({result})");
        }
        if (Timings is not null || DecodeStepObserver is not null)
        {
            var step = new LlamaDecodeStep(Environment.CurrentManagedThreadId, tokens, sequences, (double)ticks / Stopwatch.Frequency);
            Timings?.AddStep(step, ticks);
            DecodeStepObserver?.Invoke(step);
        }
    }

    // a cancelled step leaves tokens queued; evaluate them so every sequence is consistent again
    private void Drain()
    {
        try
        {
            while (_decoder.QueuedTokens > 0)
            {
                DecodeOnce();
            }
        }
        catch (InvalidOperationException)
        {
            // the original cancellation is what the caller needs to see
        }
    }

    private void EnterBusy()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            throw new InvalidOperationException("the llama.cpp backend runs one call at a time; wait for the running StartAsync/GenerateAsync to finish (or use a scheduler)");
        }
    }

    private void ExitBusy() => Volatile.Write(ref _busy, 0);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void ThrowIfNotOnDecodeThread()
    {
        ThrowIfDisposed();
        if (!_thread.IsCurrent)
        {
            throw new InvalidOperationException("Open and Generate run only on the backend's decode thread (inside RunOnDecodeThreadAsync); use StartAsync/GenerateAsync elsewhere");
        }
    }

    private sealed class RequestRun(LlamaSequence sequence, int maxTokens, StopStringMatcher stops)
    {
        public LlamaSequence Sequence { get; } = sequence;
        public int MaxTokens { get; } = maxTokens;
        public StopStringMatcher Stops { get; } = stops;
        public int TextStart { get; set; }
        public int Decoded { get; set; }
        public int Prefilled { get; set; }
        public FinishReason? Reason { get; private set; }
        public string? MatchedStop { get; private set; }

        public void Finish(FinishReason reason, string? stop = null)
        {
            Reason = reason;
            MatchedStop = stop;
        }
    }
}
