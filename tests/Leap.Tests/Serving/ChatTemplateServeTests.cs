using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kinship.Leap.Prompting;
using Kinship.Leap.Tests.Backends;

namespace Kinship.Leap.Tests.Serving;

/// <summary><c>/v1/chat/completions</c> renders with the GGUF's own chat template (<c>--chat-template backend</c>, the default).</summary>
public sealed class ChatTemplateServeTests : IDisposable
{
    private const string ChatMl = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private readonly string _temp = Directory.CreateTempSubdirectory("leap-chat-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Chat_uses_the_models_own_template_exactly()
    {
        await using var served = await ServedModel.StartAsync(modelPath: TinyModel.CopyWithChatTemplate(_temp, ChatMl), template: ChatTemplateKind.Backend);
        using var http = new HttpClient { BaseAddress = served.Url };

        var chat = await PostAsync(http, "/v1/chat/completions", new { messages = new[] { new { role = "user", content = "Once upon a time" } }, max_tokens = 12, temperature = 0 });
        var raw = await PostAsync(http, "/v1/completions", new { prompt = "<|im_start|>user\nOnce upon a time<|im_end|>\n<|im_start|>assistant\n", max_tokens = 12, temperature = 0 });

        Assert.Equal((string?)raw["choices"]![0]!["text"], (string?)chat["choices"]![0]!["message"]!["content"]);
        Assert.Equal((int)raw["usage"]!["prompt_tokens"]!, (int)chat["usage"]!["prompt_tokens"]!);
    }

    [Fact]
    public async Task A_model_without_a_template_is_a_400_naming_the_option()
    {
        await using var served = await ServedModel.StartAsync(template: ChatTemplateKind.Backend);
        using var http = new HttpClient { BaseAddress = served.Url };

        using var response = await http.PostAsJsonAsync("/v1/chat/completions", new { messages = new[] { new { role = "user", content = "hi" } } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the model 'stories260K.gguf' carries no chat template llama.cpp knows; start leap serve with --chat-template chatml|deepseek-r1|llama3|raw",
            (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["error"]!["message"]);
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
