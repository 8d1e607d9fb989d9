using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Cli.Serving;
using Kinship.Leap.Serving;
using Kinship.Leap.Tests.Backends;

namespace Kinship.Leap.Tests.Serving;

/// <summary><c>leap serve</c>'s server on 127.0.0.1 with the real tiny model, called over HTTP.</summary>
public sealed class CompletionServerTests : IAsyncLifetime
{
    private const string GreedyStart = ", there was a little girl named Lily. She loved to play outside in the park.";
    private LlamaBackend? _backend;
    private CompletionScheduler? _scheduler;
    private CompletionServer? _server;
    private HttpClient? _http;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Http => _http!;

    public async ValueTask InitializeAsync()
    {
        _backend = await TinyModel.LoadAsync(contextTokens: 256, maxSequences: 9);
        // 8 tokens per step: "girl named" (tokens 6-9) straddles two steps
        _scheduler = new CompletionScheduler(_backend, tokensPerStep: 8);
        _server = await CompletionServer.StartAsync(_scheduler, _backend.Info.Name, "127.0.0.1", 0, Ct);
        _http = new HttpClient { BaseAddress = _server.Address };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_scheduler is not null)
        {
            await _scheduler.DisposeAsync();
        }
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task Models_lists_the_one_served_model()
    {
        var models = await Http.GetFromJsonAsync<JsonObject>("/v1/models", Ct);

        Assert.Equal("list", (string?)models!["object"]);
        var model = models["data"]![0]!;
        Assert.Equal("stories260K.gguf", (string?)model["id"]);
        Assert.Equal(256, (int?)model["max_model_len"]);
    }

    [Fact]
    public async Task Completion_returns_the_text_finish_reason_and_usage()
    {
        var response = await PostAsync(new { prompt = "Once upon a time", max_tokens = 27, temperature = 0 });

        var choice = response["choices"]![0]!;
        Assert.Equal(GreedyStart, (string?)choice["text"]);
        Assert.Equal("length", (string?)choice["finish_reason"]);
        Assert.Equal("text_completion", (string?)response["object"]);
        Assert.Equal("stories260K.gguf", (string?)response["model"]);
        Assert.Equal((5, 27, 32), ((int)response["usage"]!["prompt_tokens"]!, (int)response["usage"]!["completion_tokens"]!, (int)response["usage"]!["total_tokens"]!));
    }

    [Fact]
    public async Task Stop_string_across_two_decode_steps_ends_the_choice_and_is_dropped()
    {
        var response = await PostAsync(new { prompt = "Once upon a time", max_tokens = 50, temperature = 0, stop = new[] { "girl named" } });

        var choice = response["choices"]![0]!;
        Assert.Equal(", there was a little ", (string?)choice["text"]);
        Assert.Equal("stop", (string?)choice["finish_reason"]);
        Assert.Equal("girl named", (string?)choice["stop_reason"]);
        Assert.Equal(9, (int)response["usage"]!["completion_tokens"]!);
    }

    [Fact]
    public async Task Stop_string_is_kept_when_asked_as_vllm_does()
    {
        var response = await PostAsync(new { prompt = "Once upon a time", max_tokens = 50, temperature = 0, stop = "girl named", include_stop_str_in_output = true });

        Assert.Equal(", there was a little girl named", (string?)response["choices"]![0]!["text"]);
    }

    [Fact]
    public async Task N_choices_fork_one_prompt_and_are_reproducible_by_seed()
    {
        var request = new { prompt = "Once upon a time", max_tokens = 20, n = 3, seed = 5, temperature = 0.8 };

        var first = await PostAsync(request);
        var again = await PostAsync(request);

        var texts = first["choices"]!.AsArray().Select(c => (string)c!["text"]!).ToArray();
        Assert.Equal([0, 1, 2], first["choices"]!.AsArray().Select(c => (int)c!["index"]!));
        Assert.Equal(texts, again["choices"]!.AsArray().Select(c => (string)c!["text"]!));
        Assert.True(texts.Distinct().Count() > 1, "three seeds gave one text");
        Assert.Equal(5, (int)first["usage"]!["prompt_tokens"]!); // prefilled once for all three
        Assert.Equal(60, (int)first["usage"]!["completion_tokens"]!);
    }

    [Fact]
    public async Task Streaming_sends_the_same_text_in_chunks_then_usage_and_done()
    {
        var events = await StreamAsync(new { prompt = "Once upon a time", max_tokens = 27, temperature = 0, stream = true, stream_options = new { include_usage = true } });

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToArray();
        var choiceChunks = chunks.Where(c => c["choices"]!.AsArray().Count == 1).ToArray();
        Assert.True(choiceChunks.Length > 2, "expected several chunks");
        Assert.Equal(GreedyStart, string.Concat(choiceChunks.Select(c => (string)c["choices"]![0]!["text"]!)));
        Assert.Equal("length", (string?)choiceChunks[^1]["choices"]![0]!["finish_reason"]);
        Assert.All(choiceChunks[..^1], c => Assert.Null(c["choices"]![0]!["finish_reason"]));
        Assert.Equal(32, (int)chunks[^1]["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task Streaming_never_sends_text_of_a_stop_string_that_is_dropped()
    {
        var events = await StreamAsync(new { prompt = "Once upon a time", max_tokens = 50, temperature = 0, stop = new[] { "girl named" }, stream = true });

        var texts = events[..^1].Select(e => JsonNode.Parse(e)!["choices"]!.AsArray()).Where(a => a.Count == 1).Select(a => (string)a[0]!["text"]!).ToArray();
        Assert.Equal(", there was a little ", string.Concat(texts));
        Assert.DoesNotContain(texts, t => t.Contains('g', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_requests_each_get_their_own_continuation()
    {
        string[] prompts = ["Once upon a time", "The dog", "Lily wanted", "One day, Tom"];
        var alone = new List<string>();
        foreach (var prompt in prompts)
        {
            alone.Add((string)(await PostAsync(new { prompt, max_tokens = 40, temperature = 0 }))["choices"]![0]!["text"]!);
        }

        var together = await Task.WhenAll(prompts.Select(prompt => PostAsync(new { prompt, max_tokens = 40, temperature = 0 })));

        Assert.Equal(alone, together.Select(r => (string)r["choices"]![0]!["text"]!));
        Assert.Equal(4, alone.Distinct().Count());
    }

    [Theory]
    [InlineData("{\"max_tokens\": 5}", "field 'prompt' is required")]
    [InlineData("{\"prompt\": \"hi\", \"max_tokens\": \"five\"}", "field 'max_tokens' must be an integer (got \"five\")")]
    [InlineData("{\"prompt\": \"hi\", \"temperature\": 3}", "field 'temperature' must be between 0 and 2 (got 3)")]
    [InlineData("{\"prompt\": \"hi\", \"stop\": 7}", "field 'stop' must be a string or an array of strings")]
    [InlineData("{\"prompt\": \"hi\", \"n\": 20}", "n = 20 needs 21 sequences (the prompt plus one per choice); this server holds 9 (start it with more -np/--parallel)")]
    [InlineData("{\"prompt\": \"hi\", \"max_tokens\": 1000}", "the prompt (about 3 tokens) plus max_tokens (1000) exceeds the context of 256 tokens per sequence")]
    [InlineData("{\"prompt\": \"hi\", \"model\": \"gpt-4\"}", "model 'gpt-4' is not served here; this server serves 'stories260K.gguf'")]
    [InlineData("{\"prompt\": \"hi\", \"frequency\": 1}", "unknown field 'frequency'")]
    [InlineData("{\"prompt\": \"hi\",", "the request body is not valid JSON")]
    public async Task Bad_request_is_a_400_with_one_clear_message(string body, string message)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("/v1/completions", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["error"]!;
        Assert.StartsWith(message, (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
    }

    private async Task<JsonObject> PostAsync(object body)
    {
        using var response = await Http.PostAsJsonAsync("/v1/completions", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<string[]> StreamAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = JsonContent.Create(body) };
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var events = new List<string>();
        while (await reader.ReadLineAsync(Ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
            else
            {
                Assert.Equal(string.Empty, line);
            }
        }
        return [.. events];
    }
}
