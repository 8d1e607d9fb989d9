using Kinship.Cli;
using System.Runtime.InteropServices;
using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Cli.Serving;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;
using Kinship.Leap.Serving;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Commands;

/// <summary><c>leap serve</c>: the in-process llama.cpp backend as an OpenAI-compatible server.</summary>
public sealed class ServeCommand(IAnsiConsole console) : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var interrupted = false;
        // Ctrl+C and a service manager's SIGTERM both stop the server cleanly
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            var model = settings.Model!;
            var metadata = GgufMetadata.Read(model);
            var options = new LlamaBackendOptions
            {
                ModelPath = model,
                ContextTokens = ContextBudget.Size(settings.Context, needs: null, metadata.TrainedContextLength),
                MaxSequences = settings.Sequences,
                Threads = settings.Threads,
                FlashAttention = settings.FlashAttentionSetting,
            };
            await using var backend = await LlamaBackend.LoadAsync(options, stop.Token);
            await using var scheduler = new CompletionScheduler(backend, settings.StepTokens);
            var template = ChatTemplates.Parse(settings.ChatTemplate)!.Value;
            var serverOptions = new CompletionServerOptions
            {
                ApiKey = settings.ApiKey ?? NullIfEmpty(Environment.GetEnvironmentVariable("LEAP_API_KEY")),
                MaxRequestBytes = settings.MaxRequestBytes,
                RenderChat = ChatRenderer.For(template, backend),
                Seed = settings.Seed,
            };
            await using var server = await CompletionServer.StartAsync(scheduler, settings.ServedModelName ?? backend.Info.Name, settings.Host, settings.Port, serverOptions, stop.Token);
            console.MarkupLineInterpolated(
                $"serving [bold]{backend.Info.Name}[/] on {server.Address}v1 ({options.ContextTokens} tokens × {options.MaxSequences} sequences); Ctrl+C stops");
            await server.RunUntilCancelledAsync(stop.Token);
            // Ctrl+C is an interruption (130, as for every command); a service manager's SIGTERM is the normal way to stop (0)
            return interrupted ? 130 : 0;
        }
        catch (LlamaModelException e)
        {
            throw new CliFailureException(e.Message, e);
        }
        catch (IOException e)
        {
            throw new CliFailureException($"cannot listen on {settings.Host}:{settings.Port}: {e.Message}", e);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }

        static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        void Stop(PosixSignalContext signal)
        {
            interrupted |= signal.Signal == PosixSignal.SIGINT;
            signal.Cancel = true;
            stop.Cancel();
        }
    }
}
