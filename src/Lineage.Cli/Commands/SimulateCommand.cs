using Kinship.Lineage.Cli.Terminal;
using Kinship.Cli;
using System.Diagnostics;
using System.Globalization;
using Kinship.Lineage.Simulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary><c>lineage simulate</c>: write a synthetic Hub shaped like the study's as JSON Lines.</summary>
public sealed class SimulateCommand(IAnsiConsole console) : Command<SimulateSettings>
{
    public override int Execute(CommandContext context, SimulateSettings settings, CancellationToken cancellationToken)
    {
        var options = new SimulationOptions { Models = settings.Models, Seed = settings.Seed, Cards = settings.Cards, NullModel = settings.NullModel,
            Shape = settings.Shape == "full" ? Kinship.Lineage.Simulation.ListingShape.Full : Kinship.Lineage.Simulation.ListingShape.Listing };
        var path = Path.GetFullPath(settings.Out!);
        var clock = Stopwatch.StartNew();
        SimulationSummary summary;
        try
        {
            if (console.Profile.Capabilities.Interactive)
            {
                summary = console.Progress().Start(progress =>
                {
                    var task = progress.AddTask("simulating", maxValue: settings.Models);
                    return EcosystemSimulator.WriteFile(options, path, new Progress(value => task.Value = value), cancellationToken);
                });
            }
            else
            {
                summary = EcosystemSimulator.WriteFile(options, path, null, cancellationToken);
            }
        }
        catch (IOException e)
        {
            throw new CliFailureException($"{TerminalText.Escape(path)}: {TerminalText.Escape(e.Message)}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliFailureException($"{TerminalText.Escape(path)}: {TerminalText.Escape(e.Message)}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine("simulate cancelled; nothing was written.");
            return 130;
        }
        var edges = summary.Edges;
        var largest = summary.LargestFamilies.Count > 0 ? summary.LargestFamilies[0].Size : 1;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulate: {summary.Models:N0} models ({(double)summary.ModelsWithParent / summary.Models:P1} with a parent; edges adapter {edges["adapter"]:N0}, finetune {edges["finetune"]:N0}, quantized {edges["quantized"]:N0}, merge {edges["merge"]:N0}; largest family {largest:N0}; deepest generation {summary.MaxDepth}{(settings.NullModel ? "; null model" : "")}) in {path} ({summary.Bytes / 1048576.0:0.0} MiB, {clock.Elapsed.TotalSeconds:0.0} s)"));
        return 0;
    }

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
