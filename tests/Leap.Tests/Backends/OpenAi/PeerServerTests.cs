using System.Text.Json.Nodes;
using Kinship.Leap.Backends;
using Kinship.Leap.Backends.OpenAi;
using Microsoft.AspNetCore.Http;

namespace Kinship.Leap.Tests.Backends.OpenAi;

/// <summary>
/// The HTTP backend against stand-ins that reproduce each real server's wire format (bodies from llama.cpp's
/// tools/server/README.md and vLLM's OpenAI-compatible server docs): llama-server's slots and per-choice usage, its
/// refusal of too large an n, its <c>stop_type</c>/<c>stopping_word</c>, and vLLM's <c>stop_reason</c>.
/// </summary>
public sealed class PeerServerTests
{
    private const string LlamaServerProps = """{"default_generation_settings":{"n_ctx":4096,"params":{"n_predict":-1}},"total_slots":2,"model_path":"m.gguf","chat_template":""}""";

    private const string NCmplError = """{"error":{"code":400,"message":"n_cmpl cannot be greater than the number of slots, please increase -np","type":"invalid_request_error"}}""";

    private static readonly SamplingOptions Sampling = new() { Temperature = 0.6, TopP = 0.95, TopK = 40, MinP = 0.05, Seed = 100 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OpenAiBackend Backend(PeerStandIn server) => new(new OpenAiBackendOptions
    {
        Endpoints = [server.Url],
        Model = "m",
        IdleTimeout = TimeSpan.FromSeconds(10),
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    });

    /// <summary>llama-server streams each choice (one task per slot) and ends each with that choice's own usage.</summary>
    private static async Task LlamaServerStreamAsync(HttpContext context, JsonObject body, int tokensPerChoice)
    {
        var n = (int?)body["n"] ?? 1;
        for (var index = 0; index < n; index++)
        {
            for (var t = 0; t < tokensPerChoice; t++)
            {
                await PeerStandIn.EventAsync(context, $$"""{"choices":[{"text":" w{{t}}","index":{{index}},"logprobs":null,"finish_reason":null}],"created":1,"model":"m","object":"text_completion","id":"cmpl-x"}""");
            }
            await PeerStandIn.EventAsync(context, $$$"""{"choices":[{"text":"","index":{{{index}}},"logprobs":null,"finish_reason":"length"}],"created":1,"model":"m","object":"text_completion","id":"cmpl-x","usage":{"completion_tokens":{{{tokensPerChoice}}},"prompt_tokens":7,"total_tokens":{{{tokensPerChoice + 7}}}}}""");
        }
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task<(IReadOnlyList<GenerationResult> Results, IGenerationSequence[] Paths)> FourForksAsync(OpenAiBackend backend, int maxTokens)
    {
        var root = await backend.StartAsync("P:", Sampling, Ct);
        var paths = Enumerable.Range(0, 4).Select(i => root.Fork(Sampling with { Seed = 100 + (ulong)i })).ToArray();
        root.Dispose();
        var results = await backend.GenerateAsync([.. paths.Select(p => new GenerationRequest(p, maxTokens, []))], null, Ct);
        return (results, paths);
    }

    [Fact]
    public async Task Llama_server_slots_from_props_split_n_and_usage_counts_per_choice()
    {
        await using var server = await PeerStandIn.StartAsync(LlamaServerProps, (context, body) =>
            (int?)body["n"] > 2 ? Results.Text(NCmplError, "application/json", statusCode: 400).ExecuteAsync(context) : LlamaServerStreamAsync(context, body, 16));
        await using var backend = Backend(server);

        var (results, paths) = await FourForksAsync(backend, 16);

        Assert.Equal([(2, 100L), (2, 102L)], server.Requests.Select(r => ((int)r["n"]!, (long)r["seed"]!)).OrderBy(x => x.Item2));
        Assert.All(results, r => Assert.Equal((16, FinishReason.Length), (r.TokensDecoded, r.Reason)));
        Assert.All(paths, p => Assert.Equal(16, p.TokensDecoded)); // not 16 / n: llama-server counts each choice
    }

    [Fact]
    public async Task A_server_refusing_n_for_its_slots_is_asked_again_with_fewer()
    {
        await using var server = await PeerStandIn.StartAsync(props: null, (context, body) =>
            (int?)body["n"] > 2 ? Results.Text(NCmplError, "application/json", statusCode: 400).ExecuteAsync(context) : LlamaServerStreamAsync(context, body, 5));
        await using var backend = Backend(server);

        var (results, _) = await FourForksAsync(backend, 5);

        var sizes = server.Requests.Select(r => (int)r["n"]!).ToArray();
        Assert.Equal(4, sizes[0]);
        Assert.Equal([2, 2], sizes[1..]);
        Assert.All(results, r => Assert.Equal(5, r.TokensDecoded));
        Assert.Equal(" w0 w1 w2 w3 w4", results[3].Text);
    }

    [Fact]
    public async Task Llama_server_stopping_word_is_a_stop_and_the_dropped_string_is_restored()
    {
        await using var server = await PeerStandIn.StartAsync(LlamaServerProps, async (context, body) =>
        {
            await PeerStandIn.EventAsync(context, """{"choices":[{"text":"so the answer","index":0,"logprobs":null,"finish_reason":null}],"object":"text_completion"}""");
            await PeerStandIn.EventAsync(context, """{"choices":[{"text":"","index":0,"logprobs":null,"finish_reason":"stop","stop_type":"word","stopping_word":"</think>"}],"object":"text_completion","usage":{"completion_tokens":4,"prompt_tokens":3,"total_tokens":7}}""");
            await context.Response.WriteAsync("data: [DONE]\n\n");
        });
        await using var backend = Backend(server);
        using var path = await backend.StartAsync("P:", Sampling, Ct);

        var result = (await backend.GenerateAsync([new GenerationRequest(path, 32, ["</think>"])], null, Ct))[0];

        Assert.Equal(new GenerationResult("so the answer</think>", FinishReason.Stop, "</think>", 4, 0), result);
    }

    [Fact]
    public async Task Llama_server_eos_stop_type_is_end_of_sequence()
    {
        await using var server = await PeerStandIn.StartAsync(LlamaServerProps, async (context, body) =>
        {
            await PeerStandIn.EventAsync(context, """{"choices":[{"text":"The end.","index":0,"logprobs":null,"finish_reason":"stop","stop_type":"eos","stopping_word":""}],"object":"text_completion","usage":{"completion_tokens":3,"prompt_tokens":3,"total_tokens":6}}""");
            await context.Response.WriteAsync("data: [DONE]\n\n");
        });
        await using var backend = Backend(server);
        using var path = await backend.StartAsync("P:", Sampling, Ct);

        var result = (await backend.GenerateAsync([new GenerationRequest(path, 32, ["</think>"])], null, Ct))[0];

        Assert.Equal((FinishReason.EndOfSequence, (string?)null), (result.Reason, result.MatchedStop));
    }

    [Theory]
    [InlineData("\"</think>\"", "x</think>", FinishReason.Stop)]
    [InlineData("2", "x", FinishReason.EndOfSequence)] // vLLM names a stop token by its id
    [InlineData("null", "x", FinishReason.EndOfSequence)]
    public async Task Vllm_stop_reason_string_or_token_id_decides_the_finish(string stopReason, string text, FinishReason reason)
    {
        await using var server = await PeerStandIn.StartAsync(props: null, async (context, body) =>
        {
            await PeerStandIn.EventAsync(context, $$"""{"id":"cmpl-1","object":"text_completion","created":1,"model":"m","choices":[{"index":0,"text":"{{text}}","logprobs":null,"finish_reason":"stop","stop_reason":{{stopReason}}}],"usage":null}""");
            await PeerStandIn.EventAsync(context, """{"id":"cmpl-1","object":"text_completion","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":3,"total_tokens":5,"completion_tokens":2}}""");
            await context.Response.WriteAsync("data: [DONE]\n\n");
        });
        await using var backend = Backend(server);
        using var path = await backend.StartAsync("P:", Sampling, Ct);

        var result = (await backend.GenerateAsync([new GenerationRequest(path, 32, ["</think>"])], null, Ct))[0];

        Assert.Equal((text, reason, 2), (result.Text, result.Reason, result.TokensDecoded));
    }
}
