using System.ComponentModel;
using System.Net;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Commands;

/// <summary>Settings of <c>leap serve</c>: the model, where to listen, and how much to decode at once.</summary>
public sealed class ServeSettings : CommandSettings
{
    [CommandOption("-m|--model <FILE>")]
    [Description("GGUF model file to serve")]
    public string? Model { get; init; }

    [CommandOption("--served-model-name <NAME>")]
    [Description("Model name clients ask for (vLLM's option; default: the GGUF's name)")]
    public string? ServedModelName { get; init; }

    [CommandOption("--port <PORT>")]
    [Description("TCP port (0 picks a free one)")]
    [DefaultValue(8000)]
    public int Port { get; init; } = 8000;

    [CommandOption("--host <ADDRESS>")]
    [Description("Address to listen on")]
    [DefaultValue("127.0.0.1")]
    public string Host { get; init; } = "127.0.0.1";

    [CommandOption("-c|--ctx-size|--max-model-len <TOKENS>")]
    [Description("Context tokens per sequence (llama.cpp's -c, vLLM's --max-model-len; default: the model's trained context, at most 8192)")]
    public int? Context { get; init; }

    [CommandOption("--parallel <N>")]
    [Description("Sequences decoded together, llama.cpp's -np/--parallel (a request with n choices needs n + 1 while it starts)")]
    [DefaultValue(9)]
    public int Sequences { get; init; } = 9;

    [CommandOption("--step-tokens <N>")]
    [Description("Tokens decoded per batched step before new requests may join (1: every token step, as vLLM and llama-server)")]
    [DefaultValue(1)]
    public int StepTokens { get; init; } = 1;

    [CommandOption("--flash-attn <MODE>")]
    [Description("llama.cpp flash attention: off (default: on this CPU kernel n = 8 choices of a 1,500-token prompt decode 3-4x faster without it), on, or auto (llama.cpp decides)")]
    [DefaultValue("off")]
    public string FlashAttention { get; init; } = "off";

    /// <summary>The backend's flash-attention setting for <see cref="FlashAttention"/> (null: llama.cpp decides).</summary>
    public bool? FlashAttentionSetting => FlashAttention switch { "on" => true, "off" => false, _ => null };

    [CommandOption("-t|--threads <N>")]
    [Description("CPU threads for llama.cpp (default: the physical cores, as llama.cpp picks)")]
    public int Threads { get; init; } = Kinship.Leap.Backends.Llama.LlamaBackendOptions.DefaultThreads;

    [CommandOption("--api-key <KEY>")]
    [Description("Require 'Authorization: Bearer KEY' on /v1 requests (vLLM's option) (default: the LEAP_API_KEY environment variable; none when unset)")]
    public string? ApiKey { get; init; }

    [CommandOption("--chat-template <NAME>")]
    [Description("Chat template of /v1/chat/completions: backend (the GGUF's own, default), chatml, deepseek-r1, llama3 or raw")]
    [DefaultValue("backend")]
    public string ChatTemplate { get; init; } = "backend";

    [CommandOption("--seed <SEED>")]
    [Description("Seed of the seeds given to requests that send none (default: random), so a run of requests one at a time repeats")]
    public ulong? Seed { get; init; }

    [CommandOption("--max-request-bytes <BYTES>")]
    [Description("Largest request body accepted; larger ones get 413 before parsing")]
    [DefaultValue(16L * 1024 * 1024)]
    public long MaxRequestBytes { get; init; } = 16L * 1024 * 1024;

    public override ValidationResult Validate()
    {
        if (Kinship.Leap.Prompting.ChatTemplates.Parse(ChatTemplate) is null)
        {
            return ValidationResult.Error($"--chat-template must be backend, chatml, deepseek-r1, llama3 or raw (got '{ChatTemplate}')");
        }
        if (MaxRequestBytes < 1024)
        {
            return ValidationResult.Error($"--max-request-bytes must be at least 1024 (got {MaxRequestBytes})");
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            return ValidationResult.Error("-m/--model FILE.gguf is required");
        }
        if (Port is < 0 or > 65535)
        {
            return ValidationResult.Error($"--port must be between 0 and 65535 (got {Port})");
        }
        if (Host != "localhost" && !IPAddress.TryParse(Host, out _))
        {
            return ValidationResult.Error($"--host must be an IP address or localhost (got '{Host}')");
        }
        if (Context is < 16)
        {
            return ValidationResult.Error($"-c/--ctx-size must be at least 16 tokens (got {Context})");
        }
        if (Sequences is < 2 or > 256)
        {
            return ValidationResult.Error($"-np/--parallel must be between 2 and 256 (got {Sequences})");
        }
        if (FlashAttention is not ("on" or "off" or "auto"))
        {
            return ValidationResult.Error($"--flash-attn must be on, off or auto (got '{FlashAttention}')");
        }
        if (StepTokens < 1)
        {
            return ValidationResult.Error($"--step-tokens must be at least 1 (got {StepTokens})");
        }
        return Threads < 1 ? ValidationResult.Error($"-t/--threads must be at least 1 (got {Threads})") : ValidationResult.Success();
    }
}
