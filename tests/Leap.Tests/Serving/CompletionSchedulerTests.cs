using System.Threading.Channels;
using Kinship.Leap.Backends;
using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Serving;
using Kinship.Leap.Tests.Backends;

namespace Kinship.Leap.Tests.Serving;

/// <summary>
/// <c>leap serve</c>'s continuous batching on the real tiny model, pinned by the backend's own counters: which decode steps ran
/// with how many tokens and sequences, and how many prompt tokens were prefilled.
/// </summary>
public sealed class CompletionSchedulerTests
{
    private static readonly SamplingOptions Greedy = new() { Temperature = 0 };
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<LlamaBackend> LoadAsync(int sequences = 9) => LlamaBackend.LoadAsync(
        new LlamaBackendOptions { ModelPath = TinyModel.Path, ContextTokens = 256, MaxSequences = sequences, CollectTimings = true }, Ct);

    private static CompletionJob Job(string prompt, int n, int maxTokens) => new(prompt, n, maxTokens, [], Greedy, false);

    [Fact]
    public async Task A_request_with_n_choices_prefills_its_prompt_once()
    {
        await using var backend = await LoadAsync();
        var steps = new List<LlamaDecodeStep>();
        backend.DecodeStepObserver = steps.Add;
        await using var scheduler = new CompletionScheduler(backend);

        var outcome = await scheduler.CompleteAsync(Job("Once upon a time", 4, 10), null, Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.Equal(5, outcome.PromptTokens);
        Assert.Equal((1L, 5L), (backend.Timings!.PrefillSteps, backend.Timings.PrefillStepTokens)); // one prefill of the 5 prompt tokens
        // then one decode per token step for all four choices together: 9 steps (the 10th tokens are sampled, never decoded)
        Assert.Equal([(5, 1), .. Enumerable.Repeat((4, 4), 9)], steps.Select(s => (s.Tokens, s.Sequences)));
        Assert.Equal(40, outcome.CompletionTokens);
    }

    [Fact]
    public async Task A_request_arriving_mid_generation_joins_the_batch_at_the_next_token_step()
    {
        await using var backend = await LoadAsync();
        var steps = new List<LlamaDecodeStep>();
        backend.DecodeStepObserver = step =>
        {
            lock (steps)
            {
                steps.Add(step);
            }
        };
        await using var scheduler = new CompletionScheduler(backend);
        var stream = Channel.CreateUnbounded<CompletionDelta>();
        var first = scheduler.CompleteAsync(Job("Once upon a time", 1, 60), stream.Writer, Ct);
        // wait until the first request is decoding: its third token has streamed
        for (var streamed = 0; streamed < 3;)
        {
            var delta = await stream.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromMinutes(2), Ct);
            streamed += delta.Text.Length > 0 ? 1 : 0;
        }
        int submittedAt;
        lock (steps)
        {
            submittedAt = steps.Count;
        }
        var second = scheduler.CompleteAsync(Job("The dog", 1, 20), null, Ct);
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        // the second prompt shares only the BOS token with the first request's sequence: that one cell is lent, the rest prefilled
        Assert.Equal(1, backend.ReusedPromptTokens);
        var secondPrefill = backend.CountPromptTokens("The dog") - 1;
        // its prompt is evaluated in the same batch as the first request's next token
        var prefill = steps.FindIndex(submittedAt, s => s.Tokens == secondPrefill + 1 && s.Sequences == 2);
        // at most the step in flight when it arrived ran before it; in the next step the second samples its first token from its
        // prompt's logits and decodes it with the first request's token, and from then on every step decodes both (19 for 20 tokens)
        Assert.InRange(prefill - submittedAt, 0, 1);
        Assert.Equal([.. Enumerable.Repeat((2, 2), 19), (1, 1)], steps[(prefill + 1)..(prefill + 21)].Select(s => (s.Tokens, s.Sequences)));
        Assert.True((await first).Choices[0].Tokens == 60 && (await second).Choices[0].Tokens == 20);
    }

    [Fact]
    public async Task A_concurrent_request_sharing_a_prompt_prefix_prefills_only_its_own_tokens()
    {
        const string System = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park.";
        await using var backend = await LoadAsync();
        await using var scheduler = new CompletionScheduler(backend);
        var stream = Channel.CreateUnbounded<CompletionDelta>();
        var first = scheduler.CompleteAsync(Job(System + " One day", 2, 40), stream.Writer, Ct);
        await stream.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromMinutes(2), Ct); // decoding
        var second = scheduler.CompleteAsync(Job(System + " Her mom", 1, 10), null, Ct);
        var outcomes = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        var shared = backend.CountPromptTokens(System);
        Assert.Equal(shared, backend.ReusedPromptTokens);
        // the first prompt in full, the second without the shared prefix: exactly the prompt tokens llama.cpp evaluated
        Assert.Equal(outcomes[0].PromptTokens + outcomes[1].PromptTokens - shared, backend.Timings!.PrefilledTokens);
        Assert.True(outcomes[1].PromptTokens - shared >= 2, "the second prompt's own tokens form a prefill step");
    }

    [Fact]
    public async Task Requests_submitted_together_are_admitted_in_one_round_and_share_one_prompt_evaluation()
    {
        await using var backend = await LoadAsync(sequences: 10); // the running request, the new prompt and its eight forks
        var steps = new List<LlamaDecodeStep>();
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim(initialState: true);
        backend.DecodeStepObserver = step =>
        {
            lock (steps)
            {
                steps.Add(step);
            }
            if (!release.IsSet)
            {
                held.Set();
                release.Wait(TimeSpan.FromMinutes(2)); // the decode thread stops inside a step while the test submits
            }
        };
        await using var scheduler = new CompletionScheduler(backend);
        var admissions = new List<(int Requests, int Prompts)>();
        scheduler.AdmissionObserver = (requests, prompts) => admissions.Add((requests, prompts));
        var stream = Channel.CreateUnbounded<CompletionDelta>();
        var first = scheduler.CompleteAsync(Job("The dog", 1, 40), stream.Writer, Ct);
        for (var streamed = 0; streamed < 3;)
        {
            var delta = await stream.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromMinutes(2), Ct);
            streamed += delta.Text.Length > 0 ? 1 : 0;
        }
        release.Reset();
        Assert.True(held.Wait(TimeSpan.FromMinutes(2), Ct), "the decode thread reached the next step");
        int heldAt;
        lock (steps)
        {
            heldAt = steps.Count;
        }
        var eight = Enumerable.Range(0, 8).Select(_ => scheduler.CompleteAsync(Job("Once upon a time", 1, 10), null, Ct)).ToArray();
        release.Set();
        var outcomes = await Task.WhenAll(eight).WaitAsync(TimeSpan.FromMinutes(2), Ct);
        await first.WaitAsync(TimeSpan.FromMinutes(2), Ct);

        // one round admitted all eight for one prompt, after the first request's own round
        Assert.Equal([(1, 1), (8, 1)], admissions);
        // that prompt (less the BOS cell lent by the first request) was evaluated once, in the batch of the first request's next token
        var prompt = backend.CountPromptTokens("Once upon a time");
        Assert.Equal(backend.CountPromptTokens("The dog") + prompt - 1, backend.Timings!.PrefilledTokens);
        // then the eight forks sample their first token from its logits and every step decodes all nine (9 steps for 10 tokens)
        Assert.Equal([(prompt, 2), .. Enumerable.Repeat((9, 9), 9), (1, 1)], steps[heldAt..(heldAt + 11)].Select(s => (s.Tokens, s.Sequences)));
        // greedy forks of one evaluated prompt decode exactly what the prompt decodes alone
        var alone = await AloneAsync("Once upon a time", 10);
        Assert.All(outcomes, o => Assert.Equal(alone, o.Choices[0].Text));
    }

    [Fact]
    public async Task The_scheduling_loop_runs_on_the_decode_thread_while_requests_are_active()
    {
        await using var backend = await LoadAsync();
        await using var scheduler = new CompletionScheduler(backend);
        var admittedOn = new List<int>();
        scheduler.AdmissionObserver = (_, _) => admittedOn.Add(Environment.CurrentManagedThreadId);
        var writer = new ThreadRecordingWriter();
        var outcome = await scheduler.CompleteAsync(Job("Once upon a time", 2, 12), writer, Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.Equal(24, outcome.CompletionTokens);
        // every streamed piece (one per token and choice, plus each choice's last) was written by the decode thread itself
        Assert.Equal(26, writer.Threads.Count);
        Assert.All(writer.Threads, id => Assert.Equal(backend.DecodeThreadId, id));
        Assert.Equal([backend.DecodeThreadId], admittedOn);
    }

    [Fact]
    public async Task A_failure_inside_the_loop_fails_the_requests_in_flight_and_the_next_request_still_runs()
    {
        await using var backend = await LoadAsync();
        await using var scheduler = new CompletionScheduler(backend);
        var failures = 1;
        scheduler.AdmissionObserver = (_, _) =>
        {
            if (failures-- > 0)
            {
                throw new InvalidOperationException("observer failed");
            }
        };

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.CompleteAsync(Job("Once upon a time", 2, 8), null, Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct));
        var next = await scheduler.CompleteAsync(Job("Once upon a time", 2, 8), null, Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.Equal("observer failed", failed.Message);
        Assert.Equal(16, next.CompletionTokens);
        Assert.Equal(0, backend.LiveSequences); // the failed request's prompt sequence was freed
    }

    private static async Task<string> AloneAsync(string prompt, int tokens)
    {
        await using var backend = await LoadAsync();
        var sequence = await backend.StartAsync(prompt, Greedy, Ct);
        var results = await backend.GenerateAsync([new GenerationRequest(sequence, tokens, [])], null, Ct);
        return results[0].Text;
    }

    /// <summary>A stream that records which thread wrote each piece.</summary>
    private sealed class ThreadRecordingWriter : ChannelWriter<CompletionDelta>
    {
        public List<int> Threads { get; } = [];

        public override bool TryWrite(CompletionDelta item)
        {
            lock (Threads)
            {
                Threads.Add(Environment.CurrentManagedThreadId);
            }
            return true;
        }

        public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);
    }
}
