using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kinship.Leap.Cli.Serving;

namespace Kinship.Leap.Tests.Serving;

/// <summary><c>leap serve</c>'s HTTP surface beyond generation: errors as OpenAI objects, guards, framing and seeds.</summary>
public sealed class ServeProtocolTests : IAsyncLifetime
{
    private ServedModel? _served;
    private HttpClient? _http;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => _http!;

    public async ValueTask InitializeAsync()
    {
        _served = await ServedModel.StartAsync(new CompletionServerOptions { MaxRequestBytes = 4096 });
        _http = new HttpClient { BaseAddress = _served.Url };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("GET", "/v1/nothing", 404, "not_found_error", "no such endpoint: GET /v1/nothing")]
    [InlineData("GET", "/v1/completions", 405, "invalid_request_error", "method GET is not allowed on /v1/completions")]
    public async Task Unknown_paths_and_methods_get_an_openai_error_object(string method, string path, int status, string type, string message)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        var error = await ErrorAsync(response, status);
        Assert.Equal((message, type, status), ((string?)error["message"], (string?)error["type"], (int)error["code"]!));
    }

    [Fact]
    public async Task Health_and_root_answer_json()
    {
        Assert.Equal("{\"status\":\"ok\"}", await Http.GetStringAsync("/health", Ct));
        var root = JsonNode.Parse(await Http.GetStringAsync("/", Ct))!;
        Assert.Equal(("leap serve", "stories260K.gguf"), ((string?)root["name"], (string?)root["model"]));
        Assert.Contains("POST /v1/chat/completions", root["endpoints"]!.AsArray().Select(e => (string)e!));
        Assert.Equal("{\"total_slots\":8,\"default_generation_settings\":{\"n_ctx\":256}}", await Http.GetStringAsync("/props", Ct));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_by_content_type()
    {
        using var content = new StringContent("{\"prompt\":\"hi\"}", Encoding.UTF8, "text/plain");
        using var response = await Http.PostAsync("/v1/completions", content, Ct);

        var error = await ErrorAsync(response, 415);
        Assert.StartsWith("the request body must be JSON with 'Content-Type: application/json'", (string?)error["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_is_refused_before_parsing(bool withLength)
    {
        var body = "{\"prompt\":\"" + new string('a', 5000) + "\"}";
        HttpContent content = withLength
            ? new StringContent(body, Encoding.UTF8, "application/json")
            : new PushContent(Encoding.UTF8.GetBytes(body));
        using (content)
        {
            using var response = await Http.PostAsync("/v1/completions", content, Ct);

            var error = await ErrorAsync(response, 413);
            Assert.Equal("the request body is larger than 4096 bytes (start leap serve with a larger --max-request-bytes)", (string?)error["message"]);
        }
    }

    [Theory]
    [InlineData("{\"prompt\": \"a\\ud800b\"}", "field 'prompt' is not valid Unicode text (invalid UTF-8 or a lone surrogate)")]
    [InlineData("{\"prompt\": \"hi\", \"stop\": [\"\\udc00\"]}", "field 'stop' is not valid Unicode text (invalid UTF-8 or a lone surrogate)")]
    [InlineData("{\"prompt\": \"hi\", \"stop\": \"x\\ud800\"}", "field 'stop' is not valid Unicode text (invalid UTF-8 or a lone surrogate)")]
    [InlineData("{\"prompt\": \"hi\", \"logprobs\": 1}", "field 'logprobs' is not supported (log-probabilities are not returned)")]
    [InlineData("{\"prompt\": \"hi\", \"frequency_penalty\": 0.5}", "field 'frequency_penalty' is not supported (only 0)")]
    [InlineData("{\"prompt\": \"hi\", \"stream_options\": {\"include_usage\": true}}", "field 'stream_options' is only allowed when 'stream' is true")]
    public async Task Malformed_completion_fields_are_a_400_naming_the_field(string body, string message)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("/v1/completions", content, Ct);

        var error = await ErrorAsync(response, 400);
        Assert.StartsWith(message, (string?)error["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"messages\": []}", "field 'messages' must be a non-empty array")]
    [InlineData("{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}", "field 'messages[0].role' must be system, developer, user or assistant (got 'robot')")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"\\ud800\"}]}", "field 'messages[0].content' is not valid Unicode text (invalid UTF-8 or a lone surrogate)")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"logprobs\": true}", "field 'logprobs' is not supported")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"tools\": [{\"type\": \"function\"}]}", "field 'tools' is not supported (no tool calling)")]
    public async Task Malformed_chat_fields_are_a_400_naming_the_field(string body, string message)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("/v1/chat/completions", content, Ct);

        var error = await ErrorAsync(response, 400);
        Assert.StartsWith(message, (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_bytes_in_the_prompt_are_a_400_naming_the_field()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"prompt\": \"ab__\"}");
        bytes[13] = 0xC3; // a lead byte followed by '_' : not UTF-8
        bytes[14] = 0x28;
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync("/v1/completions", content, Ct);

        var error = await ErrorAsync(response, 400);
        var message = (string?)error["message"];
        Assert.True(message == "field 'prompt' is not valid Unicode text (invalid UTF-8 or a lone surrogate)" || message!.StartsWith("the request body is not valid JSON", StringComparison.Ordinal), message);
    }

    [Fact]
    public async Task Stream_is_framed_as_data_lines_one_per_token_and_done_without_a_usage_chunk()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = JsonContent.Create(new { prompt = "Once upon a time", max_tokens = 6, temperature = 0, stream = true }),
        };
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        var raw = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = raw.Split("\n\n");
        Assert.Equal("", events[^1]);
        Assert.Equal("data: [DONE]", events[^2]);
        Assert.All(events[..^1], e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        var chunks = events[..^2].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToArray();
        Assert.Equal(7, chunks.Length); // six tokens, then the finish reason
        Assert.All(chunks, c => Assert.Single(c["choices"]!.AsArray()));
        Assert.All(chunks, c => Assert.Null(c["usage"]));
        Assert.Equal(", there was a little g", string.Concat(chunks.Select(c => (string)c["choices"]![0]!["text"]!)));
        Assert.Single(chunks.Select(c => (long)c["created"]!).Distinct());
    }

    [Fact]
    public async Task Server_seed_makes_unseeded_requests_one_at_a_time_repeat_across_restarts()
    {
        var first = await UnseededRunAsync(seed: 7);
        var again = await UnseededRunAsync(seed: 7);
        var other = await UnseededRunAsync(seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.True(first.Distinct().Count() > 1, "three unseeded requests sampled the same text");
    }

    private static async Task<string[]> UnseededRunAsync(ulong seed)
    {
        await using var served = await ServedModel.StartAsync(new CompletionServerOptions { Seed = seed });
        using var http = new HttpClient { BaseAddress = served.Url };
        var texts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsJsonAsync("/v1/completions", new { prompt = "Once upon a time", max_tokens = 24, temperature = 1 }, Ct);
            response.EnsureSuccessStatusCode();
            texts.Add((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["choices"]![0]!["text"]!);
        }
        return [.. texts];
    }

    private static async Task<JsonNode> ErrorAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!["error"]!;
    }

    /// <summary>A body sent chunked, without Content-Length, so the server learns its size only by reading.</summary>
    private sealed class PushContent : HttpContent
    {
        private readonly byte[] _bytes;

        public PushContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
