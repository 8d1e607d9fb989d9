using Kinship.Leap.Backends;
using Kinship.Leap.Prompting;

namespace Kinship.Leap.Tests.Prompting;

public sealed class ChatTemplatesTests
{
    private static readonly ChatMessage[] User = [new("user", "Hi")];

    [Fact]
    public void Named_templates_render_an_open_assistant_turn()
    {
        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n", ChatTemplates.Render(ChatTemplateKind.ChatMl, User));
        Assert.Equal("<｜User｜>Hi<｜Assistant｜><think>\n", ChatTemplates.Render(ChatTemplateKind.DeepSeekR1, User));
        Assert.Equal("<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", ChatTemplates.Render(ChatTemplateKind.Llama3, User));
        Assert.Equal("Hi\n\n", ChatTemplates.Render(ChatTemplateKind.Raw, User));
    }

    [Theory]
    [InlineData("chatml", ChatTemplateKind.ChatMl)]
    [InlineData("DeepSeek-R1", ChatTemplateKind.DeepSeekR1)]
    [InlineData("llama3", ChatTemplateKind.Llama3)]
    [InlineData("raw", ChatTemplateKind.Raw)]
    [InlineData("backend", ChatTemplateKind.Backend)]
    public void Template_names_parse(string name, ChatTemplateKind kind)
    {
        Assert.Equal(kind, ChatTemplates.Parse(name));
        Assert.Equal(kind, ChatTemplates.Parse(ChatTemplates.Name(kind)));
    }

    [Fact]
    public void Unknown_template_names_do_not_parse() => Assert.Null(ChatTemplates.Parse("vicuna"));
}
