using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Cli.Serving;
using Kinship.Leap.Prompting;
using Kinship.Leap.Serving;
using Kinship.Leap.Tests.Backends;

namespace Kinship.Leap.Tests.Serving;

/// <summary>
/// What <c>leap serve --model stories260K.gguf --port 0 --context 256 --sequences 9 --chat-template raw</c> runs: the real
/// llama.cpp backend, the scheduler and Kestrel on 127.0.0.1, with the given server options.
/// </summary>
internal sealed class ServedModel : IAsyncDisposable
{
    private readonly LlamaBackend _backend;
    private readonly CompletionScheduler _scheduler;
    private readonly CompletionServer _server;

    private ServedModel(LlamaBackend backend, CompletionScheduler scheduler, CompletionServer server)
    {
        _backend = backend;
        _scheduler = scheduler;
        _server = server;
    }

    public const string Name = "stories260K.gguf";

    public Uri Url => _server.Address;

    public Uri V1 => new(_server.Address, "/v1");

    public static async Task<ServedModel> StartAsync(CompletionServerOptions? options = null, int tokensPerStep = 1, string? modelPath = null, ChatTemplateKind template = ChatTemplateKind.Raw)
    {
        var backend = await TinyModel.LoadAsync(contextTokens: 256, maxSequences: 9, path: modelPath);
        var scheduler = new CompletionScheduler(backend, tokensPerStep);
        options ??= new CompletionServerOptions();
        options = options with { RenderChat = options.RenderChat ?? ChatRenderer.For(template, backend) };
        var server = await CompletionServer.StartAsync(scheduler, backend.Info.Name, "127.0.0.1", 0, options, TestContext.Current.CancellationToken);
        return new ServedModel(backend, scheduler, server);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _scheduler.DisposeAsync();
        await _backend.DisposeAsync();
    }
}
