using System.Text;
using Kinship.Leap.Backends;

namespace Kinship.Leap.Prompting;

/// <summary>Renders chat messages with a named template family, or with the backend's own template.</summary>
public static class ChatTemplates
{
    /// <summary>Parses a template name (<c>backend</c>, <c>chatml</c>, <c>deepseek-r1</c>, <c>llama3</c>, <c>raw</c>), or returns null when it is unknown.</summary>
    public static ChatTemplateKind? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "backend" or "model" or "default" => ChatTemplateKind.Backend,
        "chatml" => ChatTemplateKind.ChatMl,
        "deepseek-r1" or "deepseek" or "r1" => ChatTemplateKind.DeepSeekR1,
        "llama3" or "llama-3" => ChatTemplateKind.Llama3,
        "raw" or "none" => ChatTemplateKind.Raw,
        _ => null,
    };

    /// <summary>The canonical option name of a template.</summary>
    public static string Name(ChatTemplateKind kind) => kind switch
    {
        ChatTemplateKind.Backend => "backend",
        ChatTemplateKind.ChatMl => "chatml",
        ChatTemplateKind.DeepSeekR1 => "deepseek-r1",
        ChatTemplateKind.Llama3 => "llama3",
        ChatTemplateKind.Raw => "raw",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Renders <paramref name="messages"/> ending with an open assistant turn. The begin-of-text token is left to the
    /// tokenizer (llama.cpp adds it), so no template writes it as text.
    /// </summary>
    /// <exception cref="InvalidOperationException">The backend template was asked for and the backend has none.</exception>
    public static string Render(ChatTemplateKind kind, IReadOnlyList<ChatMessage> messages, IGenerationBackend backend)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(backend);
        if (kind == ChatTemplateKind.Backend)
        {
            return backend.ApplyChatTemplate(messages, addGenerationPrompt: true)
                ?? throw new InvalidOperationException(
                    $"the model '{backend.Info.Name}' carries no chat template; choose one with --template chatml|deepseek-r1|llama3|raw");
        }
        return Render(kind, messages);
    }

    /// <summary>Renders <paramref name="messages"/> with a named template family, ending with an open assistant turn.</summary>
    public static string Render(ChatTemplateKind kind, IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = new StringBuilder();
        switch (kind)
        {
            case ChatTemplateKind.ChatMl:
                foreach (var m in messages)
                {
                    text.Append("<|im_start|>").Append(m.Role).Append('\n').Append(m.Content).Append("<|im_end|>\n");
                }
                text.Append("<|im_start|>assistant\n<think>\n");
                break;
            case ChatTemplateKind.DeepSeekR1:
                foreach (var m in messages.Where(m => m.Role == "system"))
                {
                    text.Append(m.Content);
                }
                foreach (var m in messages.Where(m => m.Role != "system"))
                {
                    text.Append(m.Role == "user" ? "<｜User｜>" : "<｜Assistant｜>").Append(m.Content);
                    if (m.Role != "user")
                    {
                        text.Append("<｜end▁of▁sentence｜>");
                    }
                }
                text.Append("<｜Assistant｜><think>\n");
                break;
            case ChatTemplateKind.Llama3:
                foreach (var m in messages)
                {
                    text.Append("<|start_header_id|>").Append(m.Role).Append("<|end_header_id|>\n\n").Append(m.Content).Append("<|eot_id|>");
                }
                text.Append("<|start_header_id|>assistant<|end_header_id|>\n\n");
                break;
            case ChatTemplateKind.Raw:
                foreach (var m in messages)
                {
                    text.Append(m.Content).Append("\n\n");
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "the backend template needs a backend; use the overload that takes one");
        }
        return text.ToString();
    }
}
