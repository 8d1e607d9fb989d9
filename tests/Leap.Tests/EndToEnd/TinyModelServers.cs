namespace Kinship.Leap.Tests.EndToEnd;

/// <summary>
/// Two <c>leap serve</c> servers over the shared tiny model, started on first use and shared by the end-to-end tests, and the
/// unfaulted reference run against the first one that the other tests compare with.
/// </summary>
public sealed class TinyModelServers : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _root = Directory.CreateTempSubdirectory("leap-e2e-").FullName;
    private ServedTinyModel? _a;
    private ServedTinyModel? _b;
    private EvalRun? _reference;

    /// <summary>A fresh folder for one run's output.</summary>
    public string NewOutDir(string name) => Path.Combine(_root, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The first server (started on first use).</summary>
    internal async Task<ServedTinyModel> AAsync()
    {
        await StartAsync();
        return _a!;
    }

    /// <summary>The second server (started on first use).</summary>
    internal async Task<ServedTinyModel> BAsync()
    {
        await StartAsync();
        return _b!;
    }

    /// <summary>
    /// The unfaulted run of the fixture benchmark against server A alone, one request at a time, made once, with the requests A
    /// saw during it.
    /// </summary>
    internal async Task<EvalRun> ReferenceAsync()
    {
        var a = await AAsync();
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _reference ??= await EvalRun.AgainstAsync(a, [a.Url], NewOutDir("reference"), EvalRun.OneRequestAtATime);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartAsync()
    {
        var model = SharedData.RequireFile("models/stories260K.gguf");
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            _a ??= await ServedTinyModel.StartAsync(model, TestContext.Current.CancellationToken);
            _b ??= await ServedTinyModel.StartAsync(model, TestContext.Current.CancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }
        _gate.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
