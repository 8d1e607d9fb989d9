namespace Kinship.Lineage.Web;

/// <summary>Where <c>lineage serve</c> listens and what it serves.</summary>
/// <param name="Host">Address to bind; loopback unless the user asks otherwise.</param>
/// <param name="Port">TCP port; 0 picks a free one (see <see cref="ExplorerServer.Address"/>).</param>
/// <param name="ReportDirectory">An <c>lineage analyze</c> output folder served under <c>/report</c>, or null.</param>
public sealed record ExplorerOptions(string Host = "127.0.0.1", int Port = 8080, string? ReportDirectory = null);
