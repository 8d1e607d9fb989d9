using System.Text;
using Kinship.Lineage.Reporting;

namespace Kinship.Lineage.Web;

/// <summary>
/// The <c>results.json</c> behind <c>/report</c>: the file of the <c>--report</c> folder, or, without one, the analysis of
/// the served catalog computed on the first request (the catalog reopened read-only for it) and kept.
/// </summary>
internal sealed class ReportSource(string catalogPath, string? reportDirectory)
{
    private readonly Lock _gate = new();
    private Task<byte[]>? _computed;

    /// <summary>Whether the results come from a <c>--report</c> folder (<c>file</c>) or are computed here (<c>computed</c>).</summary>
    public string Kind => reportDirectory is null ? "computed" : "file";

    /// <summary>The bytes of <c>results.json</c>.</summary>
    public Task<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (reportDirectory is not null)
        {
            return File.ReadAllBytesAsync(Path.Combine(reportDirectory, "results.json"), cancellationToken);
        }
        lock (_gate)
        {
            // A failed or cancelled computation is not kept: the next request tries again.
            if (_computed is null || _computed.IsFaulted || _computed.IsCanceled)
            {
                _computed = Task.Run(() => Compute(cancellationToken), cancellationToken);
            }
            return _computed;
        }
    }

    private byte[] Compute(CancellationToken cancellationToken)
    {
        using var snapshot = CatalogSnapshot.Open(catalogPath, cancellationToken);
        var options = new AnalyzeOptions { Inputs = new Dictionary<string, string> { ["catalog"] = catalogPath, ["computed by"] = "lineage serve" } };
        var model = LineageAnalysis.Run(snapshot.Genealogy, snapshot.Traits, snapshot, options, cancellationToken: cancellationToken);
        return Encoding.UTF8.GetBytes(ReportJson.Build(model).ToJsonString(ReportFormat.Json));
    }
}
