using Kinship.Lineage.Compliance;

namespace Kinship.Lineage.Tests.Compliance;

public sealed class ComplianceAuditTests
{
    [Fact]
    public void Audit_checks_every_edge_up_the_ancestry()
    {
        var (graph, traits) = ComplianceAnalysisTests.Build();

        var audit = ComplianceAudit.Audit(graph, traits, graph.IndexOf("f/deep"));

        Assert.Equal("f/deep", audit.Model);
        Assert.Equal([("f/deep", 0), ("a/ft-apache", 1), ("meta/llama", 2)], audit.Ancestry.Select(a => (a.Id, a.Generation)));
        Assert.Equal(["commercial-restricted"], audit.Ancestry[2].Categories);
        Assert.Equal(2, audit.EdgesChecked);
        var finding = Assert.Single(audit.Findings);
        Assert.Equal(("meta/llama", "a/ft-apache", ComplianceRule.CommercialTerms), (finding.Parent, finding.Child, finding.Rule));
    }

    [Fact]
    public void Audit_of_a_merge_follows_every_parent()
    {
        var (graph, traits) = ComplianceAnalysisTests.Build();

        var audit = ComplianceAudit.Audit(graph, traits, graph.IndexOf("g/merge"));

        Assert.Equal([("g/merge", 0), ("gpl/base", 1), ("mit/base", 1)], audit.Ancestry.Select(a => (a.Id, a.Generation)));
        Assert.Equal(2, audit.EdgesChecked);
        var finding = Assert.Single(audit.Findings);
        Assert.Equal(("gpl/base", ComplianceRule.Copyleft), (finding.Parent, finding.Rule));
    }

    [Fact]
    public void Audit_of_a_root_has_nothing_to_check()
    {
        var (graph, traits) = ComplianceAnalysisTests.Build();

        var audit = ComplianceAudit.Audit(graph, traits, graph.IndexOf("meta/llama"));

        Assert.Equal(["meta/llama"], audit.Ancestry.Select(a => a.Id));
        Assert.Equal(0, audit.EdgesChecked);
        Assert.Empty(audit.Findings);
    }
}
