namespace Kinship.Leap.Backends.OpenAi;

/// <summary>Settings of the OpenAI-compatible HTTP backend (vLLM, SGLang, llama.cpp's server, <c>leap serve</c>).</summary>
public sealed record OpenAiBackendOptions
{
    /// <summary>Base URLs of the servers in the pool (with or without a trailing <c>/v1</c>).</summary>
    public required IReadOnlyList<Uri> Endpoints { get; init; }

    /// <summary>The served model name sent as <c>model</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Requests in flight per endpoint at most.</summary>
    public int MaxConcurrentRequests { get; init; } = 16;

    /// <summary>Tokens one sequence may hold (the server's context length).</summary>
    public int ContextTokens { get; init; } = 32768;

    /// <summary>Live sequences allowed at once (client-side; the server holds no per-sequence state).</summary>
    public int MaxSequences { get; init; } = 4096;

    /// <summary>Where forks run in the pool.</summary>
    public ForkPlacement ForkPlacement { get; init; } = ForkPlacement.Inherit;

    /// <summary>A request fails (and is retried) when no byte arrives for this long.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries of a failed request (429, 5xx, timeouts, broken streams, malformed replies) before the endpoint is declared down.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>First retry delay; doubles each retry.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Characters per token used to estimate token counts (the client has no tokenizer).</summary>
    public double CharactersPerToken { get; init; } = 3.5;

    /// <summary>Bearer token sent as <c>Authorization</c>, when the server wants one.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Read llama-server's <c>GET /props</c> once per endpoint to learn how many choices one request may ask for.</summary>
    public bool ProbeServerLimits { get; init; } = true;

    /// <summary>Every impossible setting as one sentence; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Endpoints is null || Endpoints.Count == 0)
        {
            errors.Add("at least one --endpoint URL is required");
        }
        else
        {
            foreach (var e in Endpoints)
            {
                if (!e.IsAbsoluteUri || (e.Scheme != Uri.UriSchemeHttp && e.Scheme != Uri.UriSchemeHttps))
                {
                    errors.Add($"--endpoint {e}: must be an absolute http:// or https:// URL");
                }
            }
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            errors.Add("--served-model is required with --endpoint");
        }
        if (MaxConcurrentRequests < 1)
        {
            errors.Add($"--max-concurrency must be at least 1 (got {MaxConcurrentRequests})");
        }
        if (MaxRetries < 0)
        {
            errors.Add($"retries must be zero or more (got {MaxRetries})");
        }
        if (IdleTimeout <= TimeSpan.Zero)
        {
            errors.Add("--request-timeout must be positive");
        }
        return errors;
    }
}
