using System.Globalization;
using System.Text.Json;
using Kinship.Leap.Backends;

namespace Kinship.Leap.Serving;

/// <summary>
/// The OpenAI-compatible wire format of <c>/v1/completions</c> and <c>/v1/models</c> (as vLLM, SGLang and
/// llama.cpp's server speak it, including their <c>top_k</c>, <c>min_p</c> and <c>include_stop_str_in_output</c>).
/// </summary>
public static class OpenAiProtocol
{
    /// <summary>
    /// Reads a completion request; throws <see cref="CompletionRejectedException"/> naming the field for anything
    /// malformed. Defaults follow OpenAI: n 1, max_tokens 16, temperature 1, top_p 1, no top-k, no min-p, random seed.
    /// </summary>
    public static OpenAiCompletionRequest ParseCompletionRequest(JsonElement body, string servedModel)
    {
        ArgumentNullException.ThrowIfNull(servedModel);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new CompletionRejectedException("the request body must be a JSON object");
        }
        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "model", "prompt", "n", "max_tokens", "stop", "temperature", "top_p", "top_k", "min_p", "seed", "stream",
            "stream_options", "include_stop_str_in_output", "user", "echo", "logprobs", "best_of", "presence_penalty", "frequency_penalty",
        };
        foreach (var property in body.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new CompletionRejectedException($"unknown field '{property.Name}'");
            }
        }

        if (body.TryGetProperty("model", out var model) && model.ValueKind != JsonValueKind.Null)
        {
            if (model.ValueKind != JsonValueKind.String)
            {
                throw new CompletionRejectedException("field 'model' must be a string");
            }
            if (!string.Equals(model.GetString(), servedModel, StringComparison.Ordinal))
            {
                throw new CompletionRejectedException($"model '{model.GetString()}' is not served here; this server serves '{servedModel}'");
            }
        }
        if (!body.TryGetProperty("prompt", out var promptElement))
        {
            throw new CompletionRejectedException("field 'prompt' is required");
        }
        var prompt = promptElement.ValueKind switch
        {
            JsonValueKind.String => promptElement.GetString()!,
            JsonValueKind.Array when promptElement.GetArrayLength() == 1 && promptElement[0].ValueKind == JsonValueKind.String => promptElement[0].GetString()!,
            _ => throw new CompletionRejectedException("field 'prompt' must be a string (or an array holding one string)"),
        };
        if (prompt.Length == 0)
        {
            throw new CompletionRejectedException("field 'prompt' must not be empty");
        }
        if (body.TryGetProperty("echo", out var echo) && echo.ValueKind == JsonValueKind.True)
        {
            throw new CompletionRejectedException("field 'echo' is not supported");
        }
        if (body.TryGetProperty("best_of", out var bestOf) && bestOf.ValueKind != JsonValueKind.Null && (bestOf.ValueKind != JsonValueKind.Number || bestOf.GetDouble() > 1))
        {
            throw new CompletionRejectedException("field 'best_of' is not supported (use n)");
        }

        var n = Integer(body, "n", 1, min: 1);
        var maxTokens = Integer(body, "max_tokens", 16, min: 0);
        var temperature = Number(body, "temperature", 1.0, min: 0, max: 2);
        var topP = Number(body, "top_p", 1.0, min: 0, max: 1);
        if (topP == 0)
        {
            throw new CompletionRejectedException("field 'top_p' must be greater than 0");
        }
        var topK = Integer(body, "top_k", -1, min: -1);
        var minP = Number(body, "min_p", 0.0, min: 0, max: 1);
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
            seed = unchecked((ulong)Random.Shared.NextInt64());
        }
        var stream = Boolean(body, "stream");
        var includeStop = Boolean(body, "include_stop_str_in_output");
        var stops = Stops(body);

        var sampling = new SamplingOptions { Temperature = temperature, TopP = topP, TopK = topK < 0 ? 0 : topK, MinP = minP, Seed = seed };
        return new OpenAiCompletionRequest(new CompletionJob(prompt, n, maxTokens, stops, sampling, includeStop), stream);
    }

    /// <summary>Writes a non-streamed completion response with its choices and usage.</summary>
    public static void WriteCompletion(Utf8JsonWriter writer, string id, long created, string model, CompletionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outcome);
        writer.WriteStartObject();
        WriteHead(writer, id, created, model);
        writer.WriteStartArray("choices");
        foreach (var choice in outcome.Choices)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", choice.Index);
            writer.WriteString("text", choice.Text);
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", FinishReasonName(choice.Reason));
            WriteStopReason(writer, choice.MatchedStop);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        WriteUsage(writer, outcome);
        writer.WriteEndObject();
    }

    /// <summary>Writes one streamed chunk carrying <paramref name="delta"/>.</summary>
    public static void WriteChunk(Utf8JsonWriter writer, string id, long created, string model, CompletionDelta delta)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteHead(writer, id, created, model);
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", delta.Index);
        writer.WriteString("text", delta.Text);
        writer.WriteNull("logprobs");
        if (delta.Reason is { } reason)
        {
            writer.WriteString("finish_reason", FinishReasonName(reason));
        }
        else
        {
            writer.WriteNull("finish_reason");
        }
        WriteStopReason(writer, delta.MatchedStop);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes the last streamed chunk: no choices, the request's usage.</summary>
    public static void WriteUsageChunk(Utf8JsonWriter writer, string id, long created, string model, CompletionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outcome);
        writer.WriteStartObject();
        WriteHead(writer, id, created, model);
        writer.WriteStartArray("choices");
        writer.WriteEndArray();
        WriteUsage(writer, outcome);
        writer.WriteEndObject();
    }

    /// <summary>Writes the <c>/v1/models</c> list with the one served model.</summary>
    public static void WriteModels(Utf8JsonWriter writer, string model, long created, int contextTokens)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        writer.WriteStartObject();
        writer.WriteString("id", model);
        writer.WriteString("object", "model");
        writer.WriteNumber("created", created);
        writer.WriteString("owned_by", "kinship");
        writer.WriteNumber("max_model_len", contextTokens);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes an OpenAI error object (<c>{"error": {"message", "type", "code"}}</c>).</summary>
    public static void WriteError(Utf8JsonWriter writer, string message, string type, int code)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        writer.WriteNumber("code", code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The OpenAI name of a finish reason: <c>stop</c> (stop string or end-of-sequence) or <c>length</c>.</summary>
    public static string FinishReasonName(FinishReason reason) => reason == FinishReason.Length ? "length" : "stop";

    private static void WriteHead(Utf8JsonWriter writer, string id, long created, string model)
    {
        writer.WriteString("id", id);
        writer.WriteString("object", "text_completion");
        writer.WriteNumber("created", created);
        writer.WriteString("model", model);
    }

    private static void WriteStopReason(Utf8JsonWriter writer, string? stop)
    {
        // vLLM's extension: which stop string ended the choice (null for end-of-sequence or length)
        if (stop is null)
        {
            writer.WriteNull("stop_reason");
        }
        else
        {
            writer.WriteString("stop_reason", stop);
        }
    }

    private static void WriteUsage(Utf8JsonWriter writer, CompletionOutcome outcome)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", outcome.PromptTokens);
        writer.WriteNumber("completion_tokens", outcome.CompletionTokens);
        writer.WriteNumber("total_tokens", outcome.PromptTokens + outcome.CompletionTokens);
        writer.WriteEndObject();
    }

    private static int Integer(JsonElement body, string name, int fallback, int min)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return fallback;
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

    private static double Number(JsonElement body, string name, double fallback, double min, double max)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return fallback;
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

    private static bool Boolean(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        return element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new CompletionRejectedException($"field '{name}' must be true or false (got {element.GetRawText()})"),
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
            return [element.GetString()!];
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new CompletionRejectedException("field 'stop' must be a string or an array of strings");
        }
        var stops = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(item.GetString()))
            {
                throw new CompletionRejectedException($"field 'stop' must hold non-empty strings (got {item.GetRawText()})");
            }
            stops.Add(item.GetString()!);
        }
        return [.. stops];
    }
}
