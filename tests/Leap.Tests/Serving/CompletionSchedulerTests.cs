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

    private static Task<LlamaBackend> LoadAsync() => LlamaBackend.LoadAsync(
        new LlamaBackendOptions { ModelPath = TinyModel.Path, ContextTokens = 256, MaxSequences = 9, CollectTimings = true }, Ct);

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
        var prefill = steps.FindIndex(submittedAt, s => s.Tokens == secondPrefill && s.Sequences == 1);
        // at most the step in flight when it arrived ran before its prefill; the next step decodes the first request's token while
        // the second samples its first token from its prefill's logits, and from then on every step decodes both (19 for 20 tokens)
        Assert.InRange(prefill - submittedAt, 0, 1);
        Assert.Equal([(1, 1), .. Enumerable.Repeat((2, 2), 19), (1, 1)], steps[(prefill + 1)..(prefill + 22)].Select(s => (s.Tokens, s.Sequences)));
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
        // the first prompt in full, the second without the shared prefix: exactly what llama.cpp evaluated in prefill steps
        Assert.Equal(outcomes[0].PromptTokens + outcomes[1].PromptTokens - shared, backend.Timings!.PrefillStepTokens);
        Assert.True(outcomes[1].PromptTokens - shared >= 2, "the second prompt's own tokens form a prefill step");
    }
}
