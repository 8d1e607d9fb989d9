using Kinship.Leap.Backends;
using Kinship.Leap.Prompting;

namespace Kinship.Leap.Cli.Serving;

/// <summary>The prompt renderer of <c>/v1/chat/completions</c> for a <c>--chat-template</c> choice.</summary>
internal static class ChatRenderer
{
    /// <summary>
    /// <see cref="ChatTemplateKind.Backend"/>: the GGUF's own template through llama.cpp (an error naming <c>--chat-template</c>
    /// when the model has none llama.cpp knows); any other kind: that named family.
    /// </summary>
    public static Func<IReadOnlyList<ChatMessage>, string> For(ChatTemplateKind kind, IGenerationBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return messages => kind == ChatTemplateKind.Backend
            ? backend.ApplyChatTemplate(messages, addGenerationPrompt: true) ?? throw new InvalidOperationException(
                $"the model '{backend.Info.Name}' carries no chat template llama.cpp knows; start leap serve with --chat-template chatml|deepseek-r1|llama3|raw")
            : ChatTemplates.Render(kind, messages);
    }
}
