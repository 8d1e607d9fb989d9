using Kinship.Cli;
using Kinship.Lineage.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary><c>lineage sql</c>: run a read-only query against the catalog and print the rows in the chosen <see cref="SqlFormat"/>.</summary>
public sealed class SqlCommand(IAnsiConsole console) : Command<SqlSettings>
{
    public override int Execute(CommandContext context, SqlSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Directory.Exists(settings.Catalog))
        {
            throw new IOException($"--catalog expects a DuckDB file but {Path.GetFullPath(settings.Catalog)} is a directory");
        }
        // a missing catalog, bad SQL or a write attempt propagates to the shared handler: one line on stderr, exit 1
        var result = CatalogQuery.Run(settings.Catalog, settings.Query, cancellationToken);
        var output = console.Profile.Out.Writer;
        QueryResultWriter.Write(result, settings.OutputFormat, output, console.Profile.Width);
        output.Flush();
        return ExitCodes.Success;
    }
}
