using System.ComponentModel;
using Kinship.Cli;
using Kinship.Lineage.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>Settings of <c>lineage serve</c>.</summary>
public sealed class ServeSettings : CommandSettings
{
    [CommandOption("--catalog <PATH>")]
    [Description("The DuckDB catalog (opened read-only, loaded once, then closed)")]
    [DefaultValue(CatalogSchema.DefaultFileName)]
    public string Catalog { get; init; } = CatalogSchema.DefaultFileName;

    [CommandOption("--host <ADDRESS>")]
    [Description("Address to listen on (loopback by default; another address exposes the catalog to the network)")]
    [DefaultValue("127.0.0.1")]
    public string Host { get; init; } = "127.0.0.1";

    [CommandOption("--port <PORT>")]
    [Description("TCP port (0 picks a free one)")]
    [DefaultValue(8080)]
    public int Port { get; init; } = 8080;

    [CommandOption("--report <DIR>")]
    [Description("A `lineage analyze` output folder to serve under /report")]
    public string? Report { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Catalog))
        {
            return ValidationResult.Error("--catalog needs a file path");
        }
        if (CliPaths.FileError("--catalog", Catalog) is { } missing)
        {
            return ValidationResult.Error(Directory.Exists(Catalog) ? missing : missing + " (create it with `lineage import`)");
        }
        if (Port is < 0 or > 65535)
        {
            return ValidationResult.Error($"--port {Port} is not a TCP port (0-65535)");
        }
        if (string.IsNullOrWhiteSpace(Host))
        {
            return ValidationResult.Error("--host needs an address");
        }
        // Kestrel binds a name it does not know (anything but an IP address or localhost) to every interface; refuse it instead.
        if (!IsListenAddress(Host))
        {
            return ValidationResult.Error($"--host expects an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost (got '{Host}')");
        }
        foreach (var file in (string[])["report.html", "results.json"])
        {
            if (Report is not null && !File.Exists(Path.Combine(Report, file)))
            {
                return ValidationResult.Error($"--report '{Report}' holds no {file} (write one with `lineage analyze --out {Report}`)");
            }
        }
        return ValidationResult.Success();
    }

    private static bool IsListenAddress(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || System.Net.IPAddress.TryParse(host, out _);
}
