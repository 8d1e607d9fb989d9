using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Kinship.Leap.Backends;
using Kinship.Leap.Backends.OpenAi;
using Microsoft.AspNetCore.Http;

namespace Kinship.Leap.Tests.Backends.OpenAi;

public sealed class OpenAiBackendTests
{
    private static readonly SamplingOptions Sampling = new() { Temperature = 0.6, TopP = 0.95, TopK = 40, MinP = 0.05, Seed = 7 };

    private static OpenAiBackend Backend(params ScriptedCompletionServer[] servers) => Backend(servers.Select(s => s.Url).ToArray());

    private static OpenAiBackend Backend(Uri[] urls, ForkPlacement placement = ForkPlacement.Inherit, TimeSpan? idle = null, int retries = 3) => new(new OpenAiBackendOptions
    {
        Endpoints = urls,
        Model = "tiny",
        ForkPlacement = placement,
        IdleTimeout = idle ?? TimeSpan.FromSeconds(10),
        MaxRetries = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
    });

    /// <summary>Streams <paramref name="text"/> word by word for each of the request's n choices.</summary>
    private static Task Ok(HttpContext context, JsonObject body, string text = "Hello world") =>
        ScriptedCompletionServer.StreamAsync(
            context,
            [.. Enumerable.Repeat(text.Split(' ').Select((w, i) => i == 0 ? w : " " + w).ToArray(), (int?)body["n"] ?? 1)],
            "length", null, promptTokens: 10);

    [Fact]
    public async Task Generation_sends_the_full_text_with_every_sampling_field_and_counts_tokens_from_usage()
    {
        var prompts = new List<int>();
        await using var server = await ScriptedCompletionServer.StartAsync((context, body, attempt) =>
            attempt == 1
                ? ScriptedCompletionServer.StreamAsync(context, [["Hello", " world"]], "length", null, promptTokens: 10)
                : ScriptedCompletionServer.StreamAsync(context, [["!"]], "stop", "</think>", promptTokens: 15, completionTokens: 1));
        await using var backend = Backend(server);
        using var root = await backend.StartAsync("PROMPT:", Sampling, TestContext.Current.CancellationToken);
        using var path = root.Fork(Sampling with { Seed = 11 });

        var first = await backend.GenerateAsync([new GenerationRequest(path, 2, ["</think>"])], null, TestContext.Current.CancellationToken);
        Assert.Equal(new GenerationResult("Hello world", FinishReason.Length, null, 2, 0), first[0]);
        path.Append(" More");
        var second = await backend.GenerateAsync([new GenerationRequest(path, 5, ["</think>"])], null, TestContext.Current.CancellationToken);

        // The server did not echo the stop string: the backend keeps it in the text, as the contract says.
        Assert.Equal(new GenerationResult("!</think>", FinishReason.Stop, "</think>", 1, 3), second[0]);
        Assert.Equal("Hello world More!</think>", path.Text);
        Assert.Equal(3, path.TokensDecoded);
        Assert.Equal(3, path.TokensPrefilled);
        var requests = server.Requests.ToArray();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(
            """{"model":"tiny","prompt":"PROMPT:","n":1,"max_tokens":2,"temperature":0.6,"top_p":0.95,"top_k":40,"min_p":0.05,"seed":11,"stream":true,"stream_options":{"include_usage":true},"include_stop_str_in_output":true,"stop":["</think>"]}"""),
            requests[0]), requests[0].ToJsonString());
        Assert.Equal("PROMPT:Hello world More", (string)requests[1]["prompt"]!);
    }

    [Fact]
    public async Task Forks_of_a_fresh_prompt_go_out_as_one_request_with_n()
    {
        await using var server = await ScriptedCompletionServer.StartAsync((context, body, _) =>
            ScriptedCompletionServer.StreamAsync(context, [["a", "b"], ["c"], ["d", "e", "f"]], "length", null, promptTokens: 4));
        await using var backend = Backend(server);
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var paths = Enumerable.Range(0, 3).Select(i => root.Fork(Sampling with { Seed = (ulong)(100 + i) })).ToArray();

        var progress = new List<GenerationProgress>();
        var results = await backend.GenerateAsync([.. paths.Select(p => new GenerationRequest(p, 8, []))], new SyncProgress(progress.Add), TestContext.Current.CancellationToken);

        Assert.Equal(1, server.Attempts);
        Assert.Equal(3, (int)server.Requests.Single()["n"]!);
        Assert.Equal(100, (int)server.Requests.Single()["seed"]!);
        Assert.Equal(["ab", "c", "def"], results.Select(r => r.Text));
        Assert.Equal([2, 1, 3], results.Select(r => r.TokensDecoded));
        Assert.Equal(6, progress.Count);
        Assert.Equal(["ab", "c", "def"], paths.Select(p => p.Text));
        foreach (var p in paths)
        {
            p.Dispose();
        }
    }

    [Fact]
    public async Task End_of_sequence_is_a_stop_without_a_matched_stop_string()
    {
        await using var server = await ScriptedCompletionServer.StartAsync((context, _, _) =>
            ScriptedCompletionServer.StreamAsync(context, [["The end."]], "stop", null, promptTokens: 3));
        await using var backend = Backend(server);
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var result = await backend.GenerateAsync([new GenerationRequest(root, 8, ["</think>"])], null, TestContext.Current.CancellationToken);
        Assert.Equal(FinishReason.EndOfSequence, result[0].Reason);
        Assert.Null(result[0].MatchedStop);
    }

    [Fact]
    public async Task Each_sequence_stays_on_its_endpoint_and_forks_inherit_it()
    {
        await using var a = await ScriptedCompletionServer.StartAsync((context, body, _) => Ok(context, body, "from a"));
        await using var b = await ScriptedCompletionServer.StartAsync((context, body, _) => Ok(context, body, "from b"));
        await using var backend = Backend(a, b);
        using var first = await backend.StartAsync("first problem", Sampling, TestContext.Current.CancellationToken);
        using var second = await backend.StartAsync("second problem", Sampling, TestContext.Current.CancellationToken);
        var forks = new[] { first.Fork(Sampling), second.Fork(Sampling), first.Fork(Sampling with { Seed = 1 }), second.Fork(Sampling with { Seed = 2 }) };
        for (var round = 0; round < 3; round++)
        {
            for (var f = 0; f < forks.Length; f++)
            {
                forks[f].Append($" p{f}r{round}");
            }
            await backend.GenerateAsync([.. forks.Select(f => new GenerationRequest(f, 4, []))], null, TestContext.Current.CancellationToken);
        }
        Assert.All(a.Requests, r => Assert.StartsWith("first problem", (string)r["prompt"]!, StringComparison.Ordinal));
        Assert.All(b.Requests, r => Assert.StartsWith("second problem", (string)r["prompt"]!, StringComparison.Ordinal));
        Assert.Equal(6, a.Attempts);
        Assert.Equal(6, b.Attempts);
        Assert.Equal(" p0r0from a p0r1from a p0r2from a", forks[0].Text);
        foreach (var f in forks)
        {
            f.Dispose();
        }
    }

    [Fact]
    public async Task Spread_placement_sends_fork_k_to_the_next_endpoints()
    {
        await using var a = await ScriptedCompletionServer.StartAsync((context, body, _) => Ok(context, body, "a"));
        await using var b = await ScriptedCompletionServer.StartAsync((context, body, _) => Ok(context, body, "b"));
        await using var backend = Backend([a.Url, b.Url], ForkPlacement.Spread);
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var forks = Enumerable.Range(0, 4).Select(i => root.Fork(Sampling with { Seed = (ulong)i })).ToArray();
        var results = await backend.GenerateAsync([.. forks.Select(f => new GenerationRequest(f, 4, []))], null, TestContext.Current.CancellationToken);
        // Root on a (index 0): forks 1..4 go to b, a, b, a; the two forks on each server share one request with n = 2.
        Assert.Equal(["b", "a", "b", "a"], results.Select(r => r.Text));
        Assert.Equal((1, 1), (a.Attempts, b.Attempts));
        foreach (var f in forks)
        {
            f.Dispose();
        }
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_servers_Retry_After()
    {
        await using var server = await ScriptedCompletionServer.StartAsync(async (context, body, attempt) =>
        {
            if (attempt == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                return;
            }
            await Ok(context, body);
        });
        await using var backend = Backend(server);
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var result = await backend.GenerateAsync([new GenerationRequest(root, 4, [])], null, TestContext.Current.CancellationToken);
        Assert.Equal("Hello world", result[0].Text);
        Assert.Equal(2, server.Attempts);
        var arrivals = server.Arrivals.ToArray();
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromMilliseconds(900), $"waited only {(arrivals[1] - arrivals[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Server_errors_500_and_503_are_retried()
    {
        await using var server = await ScriptedCompletionServer.StartAsync(async (context, body, attempt) =>
        {
            if (attempt <= 2)
            {
                context.Response.StatusCode = attempt == 1 ? 500 : 503;
                await context.Response.WriteAsync("overloaded");
                return;
            }
            await Ok(context, body);
        });
        await using var backend = Backend(server);
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var result = await backend.GenerateAsync([new GenerationRequest(root, 4, [])], null, TestContext.Current.CancellationToken);
        Assert.Equal("Hello world", result[0].Text);
        Assert.Equal(3, server.Attempts);
    }

    [Fact]
    public async Task A_silent_server_times_out_and_the_request_is_retried()
    {
        await using var server = await ScriptedCompletionServer.StartAsync(async (context, body, attempt) =>
        {
            if (attempt == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }
            await Ok(context, body);
        });
        await using var backend = Backend([server.Url], idle: TimeSpan.FromMilliseconds(1500));
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var result = await backend.GenerateAsync([new GenerationRequest(root, 4, [])], null, TestContext.Current.CancellationToken);
        Assert.Equal("Hello world", result[0].Text);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task A_stream_cut_midway_is_retried_and_only_the_complete_reply_counts()
    {
        await using var server = await ScriptedCompletionServer.StartAsync((context, _, attempt) =>
            ScriptedCompletionServer.StreamAsync(context, [attempt == 1 ? ["partial", " junk"] : ["whole", " reply"]], "length", null, 10, cutAfterFirstChunk: attempt == 1));
        await using var backend = Backend(server);
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var result = await backend.GenerateAsync([new GenerationRequest(root, 4, [])], null, TestContext.Current.CancellationToken);
        Assert.Equal("whole reply", result[0].Text);
        Assert.Equal("whole reply", root.Text);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task Garbage_json_once_is_retried()
    {
        await using var server = await ScriptedCompletionServer.StartAsync(async (context, body, attempt) =>
        {
            if (attempt == 1)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("data: {\"choices\": [oops\n\n");
                return;
            }
            await Ok(context, body);
        });
        await using var backend = Backend(server);
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var result = await backend.GenerateAsync([new GenerationRequest(root, 4, [])], null, TestContext.Current.CancellationToken);
        Assert.Equal("Hello world", result[0].Text);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task Garbage_json_every_time_is_one_error_naming_the_url()
    {
        await using var server = await ScriptedCompletionServer.StartAsync(async (context, _, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("<html>gateway</html>");
        });
        await using var backend = Backend([server.Url], retries: 2);
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<OpenAiEndpointException>(() => backend.GenerateAsync([new GenerationRequest(root, 4, [])], null, TestContext.Current.CancellationToken));
        Assert.Equal(new Uri(server.Url, "/v1/completions"), e.Url);
        Assert.StartsWith($"{server.Url}v1/completions: still failing after 2 retries: malformed JSON in the reply (<html>gateway</html>)", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Attempts);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        await using var server = await ScriptedCompletionServer.StartAsync(async (context, _, _) =>
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("{\"error\": \"model 'tiny' not found\"}");
        });
        await using var backend = Backend(server);
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<OpenAiEndpointException>(() => backend.GenerateAsync([new GenerationRequest(root, 4, [])], null, TestContext.Current.CancellationToken));
        Assert.Equal($"{server.Url}v1/completions: HTTP 404: {{\"error\": \"model 'tiny' not found\"}}", e.Message);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task An_endpoint_that_stays_down_is_one_error_naming_the_url()
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        await using var backend = Backend([url], retries: 2);
        using var root = await backend.StartAsync("P", Sampling, TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<OpenAiEndpointException>(() => backend.GenerateAsync([new GenerationRequest(root, 4, [])], null, TestContext.Current.CancellationToken));
        Assert.Equal(new Uri($"http://127.0.0.1:{port}/v1/completions"), e.Url);
        Assert.Contains("still failing after 2 retries: cannot connect", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_name_every_bad_setting()
    {
        var e = Assert.Throws<ArgumentException>(() => new OpenAiBackend(new OpenAiBackendOptions { Endpoints = [new Uri("ftp://x/")], Model = "", MaxConcurrentRequests = 0 }));
        Assert.StartsWith("--endpoint ftp://x/: must be an absolute http:// or https:// URL; --served-model is required with --endpoint; --max-concurrency must be at least 1 (got 0)", e.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SyncProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}
