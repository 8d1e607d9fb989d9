using Kinship.Leap.Backends;
using Kinship.Leap.Backends.Llama;

namespace Kinship.Leap.Tests.Backends;

/// <summary>The llama.cpp backend on the real tiny model (stories260K): mechanics only, never answer quality.</summary>
public sealed class LlamaBackendTests : IDisposable
{
    private static readonly SamplingOptions Greedy = new() { Temperature = 0 };
    private const string Prompt = "Once upon a time";
    // the tiny model's greedy continuation of the prompt (pinned by a first run)
    private const string GreedyStart = ", there was a little girl named Lily. She loved to play outside in the park.";

    private readonly string _temp = Directory.CreateTempSubdirectory("kinship-llama-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Loads_the_tiny_model_with_a_unified_cache_for_every_sequence()
    {
        await using var backend = await TinyModel.LoadAsync(contextTokens: 256, maxSequences: 5);

        Assert.Equal(new BackendInfo("stories260K.gguf", 256, 5), backend.Info);
        Assert.Equal(2048, backend.TrainedContextTokens);
        Assert.Equal(256 * 5, backend.KvCacheCells);
        Assert.Null(backend.ApplyChatTemplate([new ChatMessage("user", "hi")], addGenerationPrompt: true));
    }

    [Fact]
    public async Task Applies_the_chat_template_stored_in_the_gguf()
    {
        const string ChatMl = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
            "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
        var path = TinyModel.CopyWithChatTemplate(_temp, ChatMl);
        await using var backend = await TinyModel.LoadAsync(path: path);

        var prompt = backend.ApplyChatTemplate([new ChatMessage("system", "Be brief."), new ChatMessage("user", "hi")], addGenerationPrompt: true);

        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public async Task Counts_tokens_with_the_models_own_tokenizer()
    {
        await using var backend = await TinyModel.LoadAsync();

        Assert.Equal(4, backend.CountTokens(" Once upon a time"));   // ▁Once ▁upon ▁a ▁time
        Assert.Equal(5, backend.CountPromptTokens(Prompt));          // BOS + the same four
        Assert.Equal(3, backend.CountTokens("hello"));               // he ll o: no SentencePiece space prefix mid-context
        Assert.Equal(1, backend.CountTokens("é"));
        Assert.Equal(0, backend.CountTokens(""));
    }

    [Fact]
    public async Task Greedy_decoding_continues_the_prompt_deterministically()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var root = await backend.StartAsync(Prompt, Greedy, Ct);

        var result = (await backend.GenerateAsync([new GenerationRequest(root, 27, [])], null, Ct))[0];

        Assert.Equal(GreedyStart, result.Text);
        Assert.Equal(FinishReason.Length, result.Reason);
        Assert.Equal(27, result.TokensDecoded);
        Assert.Equal(0, result.TokensPrefilled);
        Assert.Equal(GreedyStart, root.Text);
        Assert.Equal(5 + 27, root.ContextTokens);
        Assert.Equal(5, root.TokensPrefilled);
        Assert.Equal(27, root.TokensDecoded);
    }

    [Fact]
    public async Task Forks_four_paths_from_one_prompt_and_decodes_them_in_one_batch()
    {
        await using var backend = await TinyModel.LoadAsync(maxSequences: 5);
        using var root = await backend.StartAsync(Prompt, Greedy, Ct);
        var paths = Enumerable.Range(1, 4).Select(i => root.Fork(new SamplingOptions { Seed = (ulong)i })).ToArray();
        var progress = new List<GenerationProgress>();

        var results = await backend.GenerateAsync(paths.Select(p => new GenerationRequest(p, 32, [])).ToArray(), new SyncProgress(progress), Ct);

        Assert.Equal(5, backend.LiveSequences);
        Assert.All(results, r => Assert.Equal((FinishReason.Length, 32, 0), (r.Reason, r.TokensDecoded, r.TokensPrefilled)));
        Assert.All(paths, p => Assert.Equal((5 + 32, 0L, 32L), (p.ContextTokens, p.TokensPrefilled, p.TokensDecoded)));
        Assert.Equal(4, results.Select(r => r.Text).Distinct().Count());
        // one step advances every path: progress arrives round-robin, path by path, token by token
        Assert.Equal(128, progress.Count);
        Assert.Equal(paths.Select(p => p.Id), progress.Take(4).Select(p => p.SequenceId));
        Assert.Equal([1, 1, 1, 1, 2], progress.Take(5).Select(p => p.TokensDecoded));
        Assert.Equal(5, root.ContextTokens); // the prompt's sequence is untouched
        Assert.Equal(string.Empty, root.Text);
        foreach (var path in paths)
        {
            Assert.Equal(results[Array.IndexOf(paths, path)].Text, path.Text);
            path.Dispose();
        }
        Assert.Equal(1, backend.LiveSequences);
    }

    [Fact]
    public async Task Two_generation_calls_decode_every_step_on_the_same_dedicated_thread()
    {
        await using var backend = await TinyModel.LoadAsync(maxSequences: 5);
        var steps = new List<LlamaDecodeStep>();
        backend.DecodeStepObserver = steps.Add;
        using var root = await backend.StartAsync(Prompt, Greedy, Ct);
        var paths = Enumerable.Range(1, 4).Select(i => root.Fork(new SamplingOptions { Seed = (ulong)i })).ToArray();

        await backend.GenerateAsync(paths.Select(p => new GenerationRequest(p, 8, [])).ToArray(), null, Ct);
        paths[0].Append(" The end.");
        await backend.GenerateAsync(paths.Select(p => new GenerationRequest(p, 8, [])).ToArray(), null, Ct);

        // the prompt (5 tokens), then 7 steps of 4 sampled tokens; then the appended text with 3 carried tokens, and 7 more steps
        Assert.Equal(
            [(5, 1), .. Enumerable.Repeat((4, 4), 7), (4 + backend.CountTokens(" The end."), 4), .. Enumerable.Repeat((4, 4), 7)],
            steps.Select(s => (s.Tokens, s.Sequences)));
        Assert.Equal([backend.DecodeThreadId], steps.Select(s => s.ThreadId).Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, backend.DecodeThreadId);
        foreach (var path in paths)
        {
            path.Dispose();
        }
    }

    [Fact]
    public async Task Timings_count_every_phase_of_a_generation_when_switched_on()
    {
        await using var backend = await LlamaBackend.LoadAsync(
            new LlamaBackendOptions { ModelPath = TinyModel.Path, ContextTokens = 256, MaxSequences = 5, CollectTimings = true }, Ct);
        using var root = await backend.StartAsync(Prompt, Greedy, Ct);
        var paths = Enumerable.Range(1, 4).Select(i => root.Fork(new SamplingOptions { Seed = (ulong)i })).ToArray();

        await backend.GenerateAsync(paths.Select(p => new GenerationRequest(p, 16, [])).ToArray(), null, Ct);

        var t = backend.Timings!;
        Assert.Equal(64, t.TokensSampled);
        Assert.Equal((1L, 5L), (t.PrefillSteps, t.PrefillStepTokens)); // the prompt
        Assert.Equal(15, t.DecodeSteps);                              // the 16th tokens are sampled, never decoded
        Assert.True(t.DecodeSeconds > 0 && t.SamplingSeconds > 0 && t.PrefillSeconds > 0);
        Assert.True(t.GenerationSeconds >= t.DecodeSeconds + t.PrefillSeconds + t.SamplingSeconds);
        Assert.Contains("bytes/token", t.Format(), StringComparison.Ordinal);
        foreach (var path in paths)
        {
            path.Dispose();
        }
    }

    [Fact]
    public async Task A_decode_step_allocates_almost_nothing_on_the_decode_thread()
    {
        await using var backend = await LlamaBackend.LoadAsync(
            new LlamaBackendOptions { ModelPath = TinyModel.Path, ContextTokens = 256, MaxSequences = 5, CollectTimings = true }, Ct);
        using var root = await backend.StartAsync(Prompt, Greedy, Ct);

        async Task<long> AllocatedBy(int tokens)
        {
            var paths = Enumerable.Range(1, 4).Select(i => root.Fork(new SamplingOptions { Seed = (ulong)i })).ToArray();
            var before = backend.Timings!.AllocatedBytes;
            await backend.GenerateAsync(paths.Select(p => new GenerationRequest(p, tokens, [])).ToArray(), null, Ct);
            foreach (var path in paths)
            {
                path.Dispose();
            }
            return backend.Timings!.AllocatedBytes - before;
        }

        var short16 = await AllocatedBy(16);
        var long144 = await AllocatedBy(144);

        // 4 × 128 more tokens: only the growth of each path's text and token lists, no batch pinning (LLamaSharp's
        // Decode(LLamaBatch) boxed 133 pins per step, about 3 KB per token at 4 paths)
        var perToken = (double)(long144 - short16) / (4 * 128);
        Assert.InRange(perToken, 0, 256);
    }

    [Fact]
    public async Task A_prompt_sharing_a_prefix_with_a_live_sequence_prefills_only_the_rest_and_continues_the_same()
    {
        const string First = "Once upon a time, there was a little girl named Lily.";
        const string Second = "Once upon a time, there was a little dog named Max.";
        string alone;
        await using (var fresh = await TinyModel.LoadAsync())
        {
            using var solo = await fresh.StartAsync(Second, Greedy, Ct);
            alone = (await fresh.GenerateAsync([new GenerationRequest(solo, 24, [])], null, Ct))[0].Text;
            Assert.Equal(0, fresh.ReusedPromptTokens);
        }
        await using var backend = await TinyModel.LoadAsync();
        var shared = backend.CountPromptTokens(Second) - backend.CountTokens(" dog named Max.");

        using var first = await backend.StartAsync(First, Greedy, Ct);
        using var second = await backend.StartAsync(Second, Greedy, Ct);
        var continued = (await backend.GenerateAsync([new GenerationRequest(second, 24, [])], null, Ct))[0].Text;

        Assert.Equal(10, shared); // BOS and "Once upon a time, there was a little"
        Assert.Equal(shared, backend.ReusedPromptTokens);
        Assert.Equal(backend.CountPromptTokens(First), first.TokensPrefilled);
        Assert.Equal(backend.CountPromptTokens(Second) - shared, second.TokensPrefilled);
        Assert.Equal(alone, continued);
    }

    [Fact]
    public async Task The_same_prompt_again_reuses_all_but_its_last_token()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var first = await backend.StartAsync(Prompt, Greedy, Ct);
        using var again = await backend.StartAsync(Prompt, Greedy, Ct);

        var texts = await backend.GenerateAsync([new GenerationRequest(first, 12, []), new GenerationRequest(again, 12, [])], null, Ct);

        Assert.Equal(4, backend.ReusedPromptTokens); // 5 prompt tokens; the last is evaluated again for its logits
        Assert.Equal(1, again.TokensPrefilled);
        Assert.Equal(texts[0].Text, texts[1].Text);
        Assert.StartsWith(", there was a little", texts[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decoding_in_a_batch_gives_the_same_text_as_decoding_alone()
    {
        await using var backend = await TinyModel.LoadAsync(maxSequences: 5);
        using var root = await backend.StartAsync(Prompt, Greedy, Ct);
        var paths = Enumerable.Range(1, 3).Select(i => root.Fork(new SamplingOptions { Seed = (ulong)i })).ToArray();
        var batched = await backend.GenerateAsync(paths.Select(p => new GenerationRequest(p, 24, [])).ToArray(), null, Ct);
        foreach (var path in paths)
        {
            path.Dispose();
        }

        using var alone = root.Fork(new SamplingOptions { Seed = 2 });
        var single = (await backend.GenerateAsync([new GenerationRequest(alone, 24, [])], null, Ct))[0];

        Assert.Equal(batched[1].Text, single.Text);
        // the fork's logits were overwritten by the batch above, so its last prompt token was evaluated once more
        Assert.Equal(1, single.TokensPrefilled);
    }

    [Fact]
    public async Task Same_seed_gives_identical_text_and_different_seeds_differ()
    {
        async Task<string> Run(ulong seed)
        {
            await using var backend = await TinyModel.LoadAsync();
            using var sequence = await backend.StartAsync(Prompt, new SamplingOptions { Seed = seed }, Ct);
            return (await backend.GenerateAsync([new GenerationRequest(sequence, 40, [])], null, Ct))[0].Text;
        }

        var first = await Run(7);
        var again = await Run(7);
        var other = await Run(8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Stop_string_spanning_two_tokens_ends_generation_with_the_stop_kept()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var sequence = await backend.StartAsync(Prompt, Greedy, Ct);

        // "girl named" is four tokens (" g", "ir", "l", " named"): the stop string only exists across their boundaries
        var result = (await backend.GenerateAsync([new GenerationRequest(sequence, 50, ["park", "girl named"])], null, Ct))[0];

        Assert.Equal(FinishReason.Stop, result.Reason);
        Assert.Equal("girl named", result.MatchedStop);
        Assert.Equal(", there was a little girl named", result.Text);
        Assert.Equal(9, result.TokensDecoded);
    }

    [Fact]
    public async Task Stop_string_begun_by_the_previous_call_is_found_when_it_ends()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var sequence = await backend.StartAsync(Prompt, Greedy, Ct);
        var first = (await backend.GenerateAsync([new GenerationRequest(sequence, 7, ["girl named"])], null, Ct))[0];

        var second = (await backend.GenerateAsync([new GenerationRequest(sequence, 50, ["girl named"])], null, Ct))[0];

        Assert.Equal((", there was a little gir", FinishReason.Length), (first.Text, first.Reason));
        Assert.Equal(("l named", FinishReason.Stop, "girl named"), (second.Text, second.Reason, second.MatchedStop));
        Assert.Equal(2, second.TokensDecoded);
    }

    [Fact]
    public async Task A_fresh_fork_and_a_sequence_with_pending_text_decode_in_one_call()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var other = await backend.StartAsync("The dog", Greedy, Ct);
        other.Append(" ran to the park.");
        using var root = await backend.StartAsync(Prompt, Greedy, Ct);
        using var fresh = root.Fork(Greedy);

        var results = await backend.GenerateAsync([new GenerationRequest(other, 10, []), new GenerationRequest(fresh, 27, [])], null, Ct);

        Assert.Equal(GreedyStart, results[1].Text);
        Assert.Equal(0, results[1].TokensPrefilled); // its logits were still fresh: sampled before the shared decode
        Assert.Equal(backend.CountTokens(" ran to the park."), results[0].TokensPrefilled);
        Assert.Equal(10, results[0].TokensDecoded);
    }

    [Fact]
    public async Task Stop_string_inside_a_token_keeps_the_whole_token()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var sequence = await backend.StartAsync(Prompt, Greedy, Ct);

        var result = (await backend.GenerateAsync([new GenerationRequest(sequence, 50, ["Li"])], null, Ct))[0];

        Assert.Equal((FinishReason.Stop, "Li"), (result.Reason, result.MatchedStop));
        Assert.Equal(", there was a little girl named Lily", result.Text); // " Lily" is one token
        Assert.Equal(result.Text, sequence.Text);
    }

    [Fact]
    public async Task Append_prefills_exactly_the_appended_texts_tokens()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var sequence = await backend.StartAsync(Prompt, Greedy, Ct);
        await backend.GenerateAsync([new GenerationRequest(sequence, 9, [])], null, Ct);
        const string Appended = " The end. Then a dog named Max came.";
        var expected = backend.CountTokens(Appended);
        var before = sequence.ContextTokens;

        sequence.Append(Appended);
        var result = (await backend.GenerateAsync([new GenerationRequest(sequence, 4, [])], null, Ct))[0];

        Assert.Equal(17, expected);
        Assert.Equal(expected, result.TokensPrefilled);
        Assert.Equal(5 + expected, sequence.TokensPrefilled); // the prompt, then only the appended text
        Assert.Equal(before + expected + 4, sequence.ContextTokens);
        Assert.StartsWith(", there was a little girl named" + Appended, sequence.Text, StringComparison.Ordinal);
        Assert.EndsWith(result.Text, sequence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncate_at_a_token_boundary_then_continue_reproduces_the_same_text()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var sequence = await backend.StartAsync(Prompt, Greedy, Ct);
        var head = (await backend.GenerateAsync([new GenerationRequest(sequence, 10, [])], null, Ct))[0].Text;
        var tail = (await backend.GenerateAsync([new GenerationRequest(sequence, 17, [])], null, Ct))[0].Text;

        sequence.Truncate(head.Length);
        Assert.Equal(head, sequence.Text);
        Assert.Equal(5 + 10, sequence.ContextTokens);
        var again = (await backend.GenerateAsync([new GenerationRequest(sequence, 17, [])], null, Ct))[0];

        Assert.Equal(tail, again.Text);
        Assert.Equal(GreedyStart, sequence.Text);
        Assert.Equal(1, again.TokensPrefilled); // only the kept last token, whose logits were gone
    }

    [Fact]
    public async Task Truncate_inside_a_token_re_appends_the_cut_remainder()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var sequence = await backend.StartAsync(Prompt, Greedy, Ct);
        await backend.GenerateAsync([new GenerationRequest(sequence, 27, [])], null, Ct);
        var cut = GreedyStart.IndexOf("Lily", StringComparison.Ordinal) + 2; // ... named Li|ly

        sequence.Truncate(cut);

        Assert.Equal(", there was a little girl named Li", sequence.Text);
        // tokens up to " named" stay; "Li" is a pending append of its own tokens
        Assert.Equal(5 + 9 + backend.CountTokens(" Li"), sequence.ContextTokens);
        var next = (await backend.GenerateAsync([new GenerationRequest(sequence, 3, [])], null, Ct))[0];
        Assert.Equal(backend.CountTokens(" Li"), next.TokensPrefilled);
        Assert.Equal(", there was a little girl named Li" + next.Text, sequence.Text);
    }

    [Fact]
    public async Task Truncate_to_zero_keeps_only_the_prompt()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var sequence = await backend.StartAsync(Prompt, Greedy, Ct);
        await backend.GenerateAsync([new GenerationRequest(sequence, 6, [])], null, Ct);

        sequence.Truncate(0);
        var again = (await backend.GenerateAsync([new GenerationRequest(sequence, 27, [])], null, Ct))[0];

        Assert.Equal(GreedyStart, again.Text);
        Assert.Throws<ArgumentOutOfRangeException>(() => sequence.Truncate(sequence.Text.Length + 1));
    }

    [Fact]
    public async Task End_of_sequence_token_finishes_a_path_and_never_enters_its_text()
    {
        // the tiny model ends each story with its BOS token; declare that token end-of-sequence
        var path = TinyModel.CopyWithEndOfSequence(_temp, tokenId: 1);
        await using var backend = await TinyModel.LoadAsync(contextTokens: 512, path: path);
        using var root = await backend.StartAsync(Prompt, Greedy, Ct);
        using var path1 = root.Fork(new SamplingOptions { Seed = 1 });

        var result = (await backend.GenerateAsync([new GenerationRequest(path1, 300, [])], null, Ct))[0];

        Assert.Equal(FinishReason.EndOfSequence, result.Reason);
        Assert.EndsWith("made them happy.", result.Text, StringComparison.Ordinal);
        Assert.Null(result.MatchedStop);
        Assert.Equal(272, result.TokensDecoded);
        Assert.Equal(result.TokensDecoded, path1.TokensDecoded);
        Assert.Equal(5 + result.TokensDecoded - 1, path1.ContextTokens); // the EOS token is counted as decoded but not kept
    }

    [Fact]
    public async Task A_full_context_ends_generation_by_length()
    {
        await using var backend = await TinyModel.LoadAsync(contextTokens: 16);
        using var sequence = await backend.StartAsync(Prompt, Greedy, Ct);

        var result = (await backend.GenerateAsync([new GenerationRequest(sequence, 100, [])], null, Ct))[0];

        Assert.Equal((FinishReason.Length, 11), (result.Reason, result.TokensDecoded));
        Assert.Equal(16, sequence.ContextTokens);
        var error = Assert.Throws<InvalidOperationException>(() => sequence.Append(" more words"));
        Assert.Contains("16 tokens per sequence", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_generation_leaves_the_sequence_usable()
    {
        await using var backend = await TinyModel.LoadAsync();
        using var sequence = await backend.StartAsync(Prompt, Greedy, Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var seen = 0;
        var progress = new CallbackProgress(_ =>
        {
            if (++seen == 5)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backend.GenerateAsync([new GenerationRequest(sequence, 27, [])], progress, cancel.Token));
        var kept = sequence.Text;
        var rest = (await backend.GenerateAsync([new GenerationRequest(sequence, 27 - (sequence.ContextTokens - 5), [])], null, Ct))[0];

        Assert.Equal(GreedyStart, kept + rest.Text); // greedy text continues exactly where the cancelled call stopped
        Assert.Equal(5 + 27, sequence.ContextTokens);
    }

    [Fact]
    public async Task More_sequences_than_slots_is_a_clear_error()
    {
        await using var backend = await TinyModel.LoadAsync(maxSequences: 2);
        using var root = await backend.StartAsync(Prompt, Greedy, Ct);
        using var one = root.Fork(Greedy);

        var error = Assert.Throws<InvalidOperationException>(() => root.Fork(Greedy));

        Assert.Contains("all 2 sequence slots are in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_model_file_is_one_error_naming_the_path()
    {
        var missing = Path.Combine(_temp, "nope.gguf");

        var error = await Assert.ThrowsAsync<LlamaModelException>(() => TinyModel.LoadAsync(path: missing));

        Assert.Equal($"model file not found: {missing}", error.Message);
    }

    [Fact]
    public async Task Non_gguf_file_is_one_error_naming_the_path()
    {
        var notGguf = Path.Combine(_temp, "model.safetensors");
        await File.WriteAllTextAsync(notGguf, "{\"this is\": \"not a gguf file at all, just some json\"}", Ct);

        var error = await Assert.ThrowsAsync<LlamaModelException>(() => TinyModel.LoadAsync(path: notGguf));

        Assert.Contains(notGguf, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a GGUF model file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_longer_than_the_model_was_trained_for_is_refused_before_loading()
    {
        var error = await Assert.ThrowsAsync<LlamaModelException>(() => TinyModel.LoadAsync(contextTokens: 4096));

        Assert.Contains("trained for a context of 2048 tokens; 4096 tokens per sequence do not fit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_a_sequence_of_another_backend_is_refused()
    {
        await using var a = await TinyModel.LoadAsync();
        await using var b = await TinyModel.LoadAsync();
        using var sequence = await a.StartAsync(Prompt, Greedy, Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => b.GenerateAsync([new GenerationRequest(sequence, 1, [])], null, Ct));
    }

    private sealed class CallbackProgress(Action<GenerationProgress> callback) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => callback(value);
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; posts to the thread pool and loses order).</summary>
    private sealed class SyncProgress(List<GenerationProgress> sink) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => sink.Add(value);
    }
}
