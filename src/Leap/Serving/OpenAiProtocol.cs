using System.Globalization;
using System.Text.Json;
using Kinship.Leap.Backends;
using Kinship.Leap.Serving.Wire;

namespace Kinship.Leap.Serving;

/// <summary>
/// Reads the OpenAI-compatible request bodies of <c>/v1/completions</c> and <c>/v1/chat/completions</c> (as vLLM, SGLang and
/// llama.cpp's server take them, including their <c>top_k</c>, <c>min_p</c> and <c>include_stop_str_in_output</c>) and builds
/// the wire objects of the answers. Every field is either honoured or refused with a message naming it.
/// </summary>
public static class OpenAiProtocol
{
    private static readonly HashSet<string> CommonFields = new(StringComparer.Ordinal)
    {
        "model", "n", "max_tokens", "stop", "temperature", "top_p", "top_k", "min_p", "seed", "stream", "stream_options",
        "include_stop_str_in_output", "user", "logprobs", "presence_penalty", "frequency_penalty", "logit_bias",
    };

    private static readonly HashSet<string> CompletionFields = new(CommonFields, StringComparer.Ordinal) { "prompt", "echo", "best_of", "suffix" };

    private static readonly HashSet<string> ChatFields = new(CommonFields, StringComparer.Ordinal)
    {
        "messages", "max_completion_tokens", "top_logprobs", "response_format", "tools", "tool_choice", "parallel_tool_calls", "store", "metadata",
    };

    /// <summary>
    /// Reads a completion request; throws <see cref="CompletionRejectedException"/> naming the field for anything malformed or
    /// unsupported. Defaults follow OpenAI: n 1, max_tokens 16, temperature 1, top_p 1, no top-k, no min-p;
    /// a request without a seed gets <paramref name="defaultSeed"/>'s next value.
    /// </summary>
    public static OpenAiCompletionRequest ParseCompletionRequest(JsonElement body, string servedModel, Func<ulong> defaultSeed)
    {
        ArgumentNullException.ThrowIfNull(servedModel);
        ArgumentNullException.ThrowIfNull(defaultSeed);
        return Guard(() =>
        {
            CheckFields(body, CompletionFields);
            if (!body.TryGetProperty("prompt", out var promptElement))
            {
                throw new CompletionRejectedException("field 'prompt' is required");
            }
            var prompt = promptElement.ValueKind switch
            {
                JsonValueKind.String => Text(promptElement, "prompt"),
                JsonValueKind.Array when promptElement.GetArrayLength() == 1 && promptElement[0].ValueKind == JsonValueKind.String => Text(promptElement[0], "prompt"),
                _ => throw new CompletionRejectedException("field 'prompt' must be a string (or an array holding one string)"),
            };
            if (prompt.Length == 0)
            {
                throw new CompletionRejectedException("field 'prompt' must not be empty");
            }
            if (Boolean(body, "echo"))
            {
                throw new CompletionRejectedException("field 'echo' is not supported");
            }
            if (body.TryGetProperty("best_of", out var bestOf) && bestOf.ValueKind != JsonValueKind.Null && (bestOf.ValueKind != JsonValueKind.Number || bestOf.GetDouble() > 1))
            {
                throw new CompletionRejectedException("field 'best_of' is not supported (use n)");
            }
            if (body.TryGetProperty("suffix", out var suffix) && suffix.ValueKind != JsonValueKind.Null)
            {
                throw new CompletionRejectedException("field 'suffix' is not supported");
            }
            if (body.TryGetProperty("logprobs", out var logprobs) && logprobs.ValueKind != JsonValueKind.Null)
            {
                throw new CompletionRejectedException("field 'logprobs' is not supported (log-probabilities are not returned)");
            }
            return Common(body, servedModel, prompt, Integer(body, "max_tokens", min: 0) ?? 16, chat: false, defaultSeed);
        });
    }

    /// <summary>
    /// Reads a chat completion request and renders its messages with <paramref name="render"/> (the chat template);
    /// throws <see cref="CompletionRejectedException"/> naming the field for anything malformed or unsupported. Without
    /// <c>max_tokens</c> a choice may run to the end of the context.
    /// </summary>
    public static OpenAiCompletionRequest ParseChatRequest(JsonElement body, string servedModel, Func<IReadOnlyList<ChatMessage>, string> render, Func<ulong> defaultSeed)
    {
        ArgumentNullException.ThrowIfNull(servedModel);
        ArgumentNullException.ThrowIfNull(render);
        ArgumentNullException.ThrowIfNull(defaultSeed);
        return Guard(() =>
        {
            CheckFields(body, ChatFields);
            var messages = Messages(body);
            if (body.TryGetProperty("logprobs", out var logprobs) && logprobs.ValueKind is not (JsonValueKind.Null or JsonValueKind.False))
            {
                throw new CompletionRejectedException("field 'logprobs' is not supported (log-probabilities are not returned)");
            }
            if (body.TryGetProperty("top_logprobs", out var top) && top.ValueKind != JsonValueKind.Null)
            {
                throw new CompletionRejectedException("field 'top_logprobs' is not supported (log-probabilities are not returned)");
            }
            if (body.TryGetProperty("tools", out var tools) && tools.ValueKind != JsonValueKind.Null && (tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() > 0))
            {
                throw new CompletionRejectedException("field 'tools' is not supported (no tool calling)");
            }
            if (body.TryGetProperty("tool_choice", out var toolChoice) && toolChoice.ValueKind is not (JsonValueKind.Null) &&
                !(toolChoice.ValueKind == JsonValueKind.String && toolChoice.GetString() == "none"))
            {
                throw new CompletionRejectedException("field 'tool_choice' is not supported (no tool calling)");
            }
            if (body.TryGetProperty("response_format", out var format) && format.ValueKind != JsonValueKind.Null &&
                !(format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "text"))
            {
                throw new CompletionRejectedException("field 'response_format' is not supported (only {\"type\": \"text\"})");
            }
            string prompt;
            try
            {
                prompt = render(messages);
            }
            catch (InvalidOperationException e)
            {
                throw new CompletionRejectedException(e.Message, e);
            }
            var maxTokens = Integer(body, "max_completion_tokens", min: 0) ?? Integer(body, "max_tokens", min: 0);
            return Common(body, servedModel, prompt, maxTokens, chat: true, defaultSeed);
        });
    }

    /// <summary>A whole <c>text_completion</c> response with its choices and usage.</summary>
    public static WireCompletion Completion(string id, long created, string model, CompletionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new WireCompletion
        {
            Id = id,
            Created = created,
            Model = model,
            Choices = [.. outcome.Choices.Select(c => new WireCompletionChoice { Index = c.Index, Text = c.Text, FinishReason = FinishReasonName(c.Reason), StopReason = StopReason(c.MatchedStop) })],
            Usage = Usage(outcome),
        };
    }

    /// <summary>
    /// One streamed <c>text_completion</c> chunk carrying <paramref name="delta"/>; with <paramref name="choiceUsage"/> a choice's
    /// last chunk also carries that choice's own usage (as llama-server sends it), before the request's usage chunk.
    /// </summary>
    public static WireCompletion CompletionChunk(string id, long created, string model, CompletionDelta delta, bool choiceUsage = false) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new WireCompletionChoice { Index = delta.Index, Text = delta.Text, FinishReason = delta.Reason is { } r ? FinishReasonName(r) : null, StopReason = StopReason(delta.MatchedStop) }],
        Usage = choiceUsage && delta.Reason is not null ? new WireUsage(delta.PromptTokens, delta.Tokens, delta.PromptTokens + delta.Tokens) : null,
    };

    /// <summary>The last streamed chunk when usage was asked for: no choices, the request's usage.</summary>
    public static WireCompletion CompletionUsageChunk(string id, long created, string model, CompletionOutcome outcome) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [],
        Usage = Usage(outcome),
    };

    /// <summary>A whole <c>chat.completion</c> response: one assistant message per choice, and usage.</summary>
    public static WireChatCompletion ChatCompletion(string id, long created, string model, CompletionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new WireChatCompletion
        {
            Id = id,
            Created = created,
            Model = model,
            Choices = [.. outcome.Choices.Select(c => new WireChatChoice
            {
                Index = c.Index,
                Message = new WireChatMessage { Role = "assistant", Content = c.Text },
                FinishReason = FinishReasonName(c.Reason),
                StopReason = StopReason(c.MatchedStop),
            })],
            Usage = Usage(outcome),
        };
    }

    /// <summary>
    /// One <c>chat.completion.chunk</c>: the role on a choice's first chunk (<paramref name="first"/>), then content deltas,
    /// the finish reason on its last.
    /// </summary>
    public static WireChatCompletion ChatChunk(string id, long created, string model, CompletionDelta delta, bool first) => new()
    {
        Id = id,
        Object = "chat.completion.chunk",
        Created = created,
        Model = model,
        Choices =
        [
            new WireChatChoice
            {
                Index = delta.Index,
                Delta = new WireChatMessage { Role = first ? "assistant" : null, Content = delta.Text.Length > 0 || delta.Reason is null ? delta.Text : null },
                FinishReason = delta.Reason is { } r ? FinishReasonName(r) : null,
                StopReason = StopReason(delta.MatchedStop),
            },
        ],
    };

    /// <summary>The last streamed chat chunk when usage was asked for: no choices, the request's usage.</summary>
    public static WireChatCompletion ChatUsageChunk(string id, long created, string model, CompletionOutcome outcome) => new()
    {
        Id = id,
        Object = "chat.completion.chunk",
        Created = created,
        Model = model,
        Choices = [],
        Usage = Usage(outcome),
    };

    /// <summary>The <c>/v1/models</c> list with the one served model.</summary>
    public static WireModelList Models(string model, long created, int contextTokens) =>
        new("list", [new WireModel(model, "model", created, "kinship", contextTokens)]);

    /// <summary>An OpenAI error object (<c>{"error": {"message", "type", "code"}}</c>, code = the HTTP status as vLLM sends it).</summary>
    public static WireError Error(string message, string type, int code) =>
        new(new WireErrorDetail { Message = message, Type = type, Code = JsonSerializer.SerializeToElement(code, OpenAiWireContext.Default.Int32) });

    /// <summary>The OpenAI name of a finish reason: <c>stop</c> (stop string or end-of-sequence) or <c>length</c>.</summary>
    public static string FinishReasonName(FinishReason reason) => reason == FinishReason.Length ? "length" : "stop";

    private static OpenAiCompletionRequest Guard(Func<OpenAiCompletionRequest> parse)
    {
        try
        {
            return parse();
        }
        catch (InvalidOperationException e)
        {
            // a property name that is not valid UTF-8, or an element of an unexpected kind
            throw new CompletionRejectedException($"the request body is malformed ({e.Message})", e);
        }
    }

    private static void CheckFields(JsonElement body, HashSet<string> known)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new CompletionRejectedException("the request body must be a JSON object");
        }
        foreach (var property in body.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new CompletionRejectedException($"unknown field '{property.Name}'");
            }
        }
    }

    private static OpenAiCompletionRequest Common(JsonElement body, string servedModel, string prompt, int? maxTokens, bool chat, Func<ulong> defaultSeed)
    {
        if (body.TryGetProperty("model", out var model) && model.ValueKind != JsonValueKind.Null)
        {
            if (model.ValueKind != JsonValueKind.String)
            {
                throw new CompletionRejectedException("field 'model' must be a string");
            }
            var name = Text(model, "model");
            if (!string.Equals(name, servedModel, StringComparison.Ordinal))
            {
                throw new CompletionRejectedException($"model '{name}' is not served here; this server serves '{servedModel}'");
            }
        }
        foreach (var penalty in (string[])["presence_penalty", "frequency_penalty"])
        {
            if (Number(body, penalty, min: -2, max: 2) is { } value && value != 0)
            {
                throw new CompletionRejectedException($"field '{penalty}' is not supported (only 0); the llama.cpp sampler of leap serve has no penalties");
            }
        }
        if (body.TryGetProperty("logit_bias", out var bias) && bias.ValueKind != JsonValueKind.Null &&
            (bias.ValueKind != JsonValueKind.Object || bias.EnumerateObject().Any()))
        {
            throw new CompletionRejectedException("field 'logit_bias' is not supported");
        }
        if (body.TryGetProperty("user", out var user) && user.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
        {
            throw new CompletionRejectedException("field 'user' must be a string");
        }

        var n = Integer(body, "n", min: 1) ?? 1;
        var temperature = Number(body, "temperature", min: 0, max: 2) ?? 1.0;
        var topP = Number(body, "top_p", min: 0, max: 1) ?? 1.0;
        if (topP == 0)
        {
            throw new CompletionRejectedException("field 'top_p' must be greater than 0");
        }
        var topK = Integer(body, "top_k", min: -1) ?? -1;
        var minP = Number(body, "min_p", min: 0, max: 1) ?? 0.0;
        ulong seed;
        if (body.TryGetProperty("seed", out var seedElement) && seedElement.ValueKind != JsonValueKind.Null)
        {
            if (seedElement.ValueKind != JsonValueKind.Number || !seedElement.TryGetInt64(out var signed))
            {
                throw new CompletionRejectedException("field 'seed' must be an integer");
            }
            seed = unchecked((ulong)signed);
        }
        else
        {
            seed = defaultSeed();
        }
        var stream = Boolean(body, "stream");
        var includeUsage = false;
        if (body.TryGetProperty("stream_options", out var options) && options.ValueKind != JsonValueKind.Null)
        {
            if (options.ValueKind != JsonValueKind.Object)
            {
                throw new CompletionRejectedException("field 'stream_options' must be an object");
            }
            foreach (var option in options.EnumerateObject())
            {
                if (option.Name != "include_usage")
                {
                    throw new CompletionRejectedException($"field 'stream_options.{option.Name}' is not supported");
                }
            }
            includeUsage = Boolean(options, "include_usage", "stream_options.include_usage");
            if (!stream)
            {
                throw new CompletionRejectedException("field 'stream_options' is only allowed when 'stream' is true");
            }
        }
        var includeStop = Boolean(body, "include_stop_str_in_output");
        var stops = Stops(body);

        var sampling = new SamplingOptions { Temperature = temperature, TopP = topP, TopK = topK < 0 ? 0 : topK, MinP = minP, Seed = seed };
        return new OpenAiCompletionRequest(new CompletionJob(prompt, n, maxTokens, stops, sampling, includeStop), stream, includeUsage, chat);
    }

    private static ChatMessage[] Messages(JsonElement body)
    {
        if (!body.TryGetProperty("messages", out var messages))
        {
            throw new CompletionRejectedException("field 'messages' is required");
        }
        if (messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw new CompletionRejectedException("field 'messages' must be a non-empty array");
        }
        var result = new List<ChatMessage>();
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var at = $"messages[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw new CompletionRejectedException($"field '{at}' must be an object");
            }
            if (!message.TryGetProperty("role", out var roleElement) || roleElement.ValueKind != JsonValueKind.String)
            {
                throw new CompletionRejectedException($"field '{at}.role' must be a string");
            }
            var role = Text(roleElement, at + ".role");
            role = role switch
            {
                "system" or "user" or "assistant" => role,
                "developer" => "system",
                _ => throw new CompletionRejectedException($"field '{at}.role' must be system, developer, user or assistant (got '{role}')"),
            };
            foreach (var property in message.EnumerateObject())
            {
                if (property.Name is not ("role" or "content" or "name"))
                {
                    throw new CompletionRejectedException($"field '{at}.{property.Name}' is not supported");
                }
            }
            result.Add(new ChatMessage(role, Content(message, at)));
            i++;
        }
        return [.. result];
    }

    private static string Content(JsonElement message, string at)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            throw new CompletionRejectedException($"field '{at}.content' is required");
        }
        if (content.ValueKind == JsonValueKind.String)
        {
            return Text(content, at + ".content");
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new CompletionRejectedException($"field '{at}.content' must be a string or an array of text parts");
        }
        var text = new System.Text.StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "text" ||
                !part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
            {
                throw new CompletionRejectedException($"field '{at}.content' may hold only {{\"type\": \"text\", \"text\": ...}} parts");
            }
            text.Append(Text(partText, at + ".content"));
        }
        return text.ToString();
    }

    /// <summary>The string of <paramref name="element"/>, or a 400 naming <paramref name="field"/> when it is not valid Unicode.</summary>
    private static string Text(JsonElement element, string field)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new CompletionRejectedException($"field '{field}' is not valid Unicode text (invalid UTF-8 or a lone surrogate)", e);
        }
    }

    private static WireUsage Usage(CompletionOutcome outcome) =>
        new(outcome.PromptTokens, outcome.CompletionTokens, outcome.PromptTokens + outcome.CompletionTokens);

    // vLLM's extension: which stop string ended the choice (null for end-of-sequence or length)
    private static JsonElement? StopReason(string? stop) =>
        stop is null ? null : JsonSerializer.SerializeToElement(stop, OpenAiWireContext.Default.String);

    private static int? Integer(JsonElement body, string name, int min)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            throw new CompletionRejectedException($"field '{name}' must be an integer (got {element.GetRawText()})");
        }
        if (value < min)
        {
            throw new CompletionRejectedException($"field '{name}' must be at least {min.ToString(CultureInfo.InvariantCulture)} (got {value.ToString(CultureInfo.InvariantCulture)})");
        }
        return value;
    }

    private static double? Number(JsonElement body, string name, double min, double max)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw new CompletionRejectedException($"field '{name}' must be a number (got {element.GetRawText()})");
        }
        var value = element.GetDouble();
        if (value < min || value > max || double.IsNaN(value))
        {
            throw new CompletionRejectedException(
                $"field '{name}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} (got {element.GetRawText()})");
        }
        return value;
    }

    private static bool Boolean(JsonElement body, string name, string? field = null)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        return element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new CompletionRejectedException($"field '{field ?? name}' must be true or false (got {element.GetRawText()})"),
        };
    }

    private static string[] Stops(JsonElement body)
    {
        if (!body.TryGetProperty("stop", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (element.ValueKind == JsonValueKind.String)
        {
            var stop = Text(element, "stop");
            return stop.Length == 0 ? [] : [stop];
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new CompletionRejectedException("field 'stop' must be a string or an array of strings");
        }
        var stops = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(Text(item, "stop")))
            {
                throw new CompletionRejectedException($"field 'stop' must hold non-empty strings (got {item.GetRawText()})");
            }
            stops.Add(Text(item, "stop"));
        }
        return [.. stops];
    }
}
