#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK
using System.ClientModel;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kinship.Leap.Cli.Serving;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace Kinship.Leap.Tests.Serving;

/// <summary>
/// The official OpenAI .NET SDK (NuGet <c>OpenAI</c>) against <c>leap serve</c> with the real tiny model. The SDK has no public
/// client for <c>/v1/completions</c> nor an <c>n</c> option; the Node SDK tests cover those.
/// </summary>
public sealed class OpenAiDotNetSdkTests : IAsyncLifetime
{
    // greedy continuation of the raw chat rendering "Once upon a time\n\n" (what /v1/completions gives for that prompt)
    private const string Prompt = "Once upon a time";
    private ServedModel? _served;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServedModel Served => _served!;

    public async ValueTask InitializeAsync() => _served = await ServedModel.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }
    }

    private OpenAIClientOptions Options => new() { Endpoint = Served.V1 };

    [Fact]
    public async Task Sdk_lists_the_served_model()
    {
        var client = new OpenAIModelClient(new ApiKeyCredential("unused"), Options);

        var models = (await client.GetModelsAsync(Ct)).Value;

        Assert.Equal([ServedModel.Name], models.Select(m => m.Id));
        Assert.Equal("kinship", models[0].OwnedBy);
    }

    [Fact]
    public async Task Sdk_chat_returns_the_greedy_continuation_of_the_rendered_prompt_with_usage()
    {
        var expected = await RawCompletionAsync(Prompt + "\n\n", 20);
        var chat = new ChatClient(ServedModel.Name, new ApiKeyCredential("unused"), Options);

        var completion = (await chat.CompleteChatAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 20 }, Ct)).Value;

        Assert.Equal(expected, completion.Content[0].Text);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(20, completion.Usage.OutputTokenCount);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.InRange(completion.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Sdk_chat_streaming_yields_one_update_per_token_then_usage()
    {
        var expected = await RawCompletionAsync(Prompt + "\n\n", 20);
        var chat = new ChatClient(ServedModel.Name, new ApiKeyCredential("unused"), Options);

        var pieces = new List<string>();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 20 }, Ct))
        {
            pieces.AddRange(update.ContentUpdate.Select(p => p.Text).Where(t => t.Length > 0));
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(expected, string.Concat(pieces));
        Assert.Equal(20, pieces.Count); // every sampled token is its own event
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.Equal(20, usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Sdk_chat_stop_sequence_ends_the_choice_and_is_dropped()
    {
        var expected = await RawCompletionAsync(Prompt + "\n\n", 40);
        var stop = expected.Substring(expected.IndexOf(' ', 10), 4);
        var chat = new ChatClient(ServedModel.Name, new ApiKeyCredential("unused"), Options);
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 40 };
        options.StopSequences.Add(stop);

        var completion = (await chat.CompleteChatAsync([new UserChatMessage(Prompt)], options, Ct)).Value;

        Assert.Equal(expected[..expected.IndexOf(stop, StringComparison.Ordinal)], completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
    }

    [Fact]
    public async Task Sdk_chat_with_a_seed_repeats_and_another_seed_differs()
    {
        var chat = new ChatClient(ServedModel.Name, new ApiKeyCredential("unused"), Options);
        ChatCompletionOptions Seeded(long seed) => new() { Temperature = 1, MaxOutputTokenCount = 30, Seed = seed };

        var first = (await chat.CompleteChatAsync([new UserChatMessage(Prompt)], Seeded(11), Ct)).Value.Content[0].Text;
        var again = (await chat.CompleteChatAsync([new UserChatMessage(Prompt)], Seeded(11), Ct)).Value.Content[0].Text;
        var other = (await chat.CompleteChatAsync([new UserChatMessage(Prompt)], Seeded(12), Ct)).Value.Content[0].Text;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Sdk_refuses_logprobs_with_a_400_naming_the_field()
    {
        var chat = new ChatClient(ServedModel.Name, new ApiKeyCredential("unused"), Options);

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            chat.CompleteChatAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { IncludeLogProbabilities = true, MaxOutputTokenCount = 4 }, Ct));

        Assert.Equal(400, error.Status);
        Assert.Contains("field 'logprobs' is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_with_the_wrong_key_gets_401_and_the_right_key_is_served()
    {
        await using var guarded = await ServedModel.StartAsync(new CompletionServerOptions { ApiKey = "sesame" });
        var options = new OpenAIClientOptions { Endpoint = guarded.V1 };

        var refused = await Assert.ThrowsAsync<ClientResultException>(() => new OpenAIModelClient(new ApiKeyCredential("wrong"), options).GetModelsAsync(Ct));
        var models = (await new OpenAIModelClient(new ApiKeyCredential("sesame"), options).GetModelsAsync(Ct)).Value;

        Assert.Equal(401, refused.Status);
        Assert.Equal([ServedModel.Name], models.Select(m => m.Id));
    }

    private async Task<string> RawCompletionAsync(string prompt, int maxTokens)
    {
        using var http = new HttpClient { BaseAddress = Served.Url };
        using var response = await http.PostAsJsonAsync("/v1/completions", new { prompt, max_tokens = maxTokens, temperature = 0 }, Ct);
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["choices"]![0]!["text"]!;
    }
}
