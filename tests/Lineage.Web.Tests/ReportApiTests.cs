using System.Text.Json;

namespace Kinship.Lineage.Web.Tests;

/// <summary>
/// <c>/api/report</c> (the folder's results.json, or the analysis computed on request) and <c>/api/drift/edges</c> (the
/// catalog edges behind a drift arc) on the shared real family, pinned against SQL over the catalog and against the
/// transition counts of <c>lineage analyze</c>'s own results.json.
/// </summary>
public sealed class ReportApiTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static readonly string[] Traits = ["license", "language", "task", "library"];

    // The license transition apache-2.0 → mit: every catalog edge whose parent declares apache-2.0 and whose child declares
    // mit and either lacks apache-2.0 (dropped) or whose parent lacks mit (added); one transition per add and per drop.
    private const string LicenseEdgesSql = """
        WITH m AS (SELECT id, list_transform(licenses, x -> lower(x)) AS l FROM models)
        SELECT p.child, p.parent, p.relation,
               (CASE WHEN list_contains(a.l, 'mit') THEN 0 ELSE 1 END) + (CASE WHEN list_contains(b.l, 'apache-2.0') THEN 0 ELSE 1 END)
        FROM parents p JOIN m a ON a.id = p.parent JOIN m b ON b.id = p.child
        WHERE p.parent <> p.child AND list_contains(a.l, 'apache-2.0') AND list_contains(b.l, 'mit')
          AND (NOT list_contains(a.l, 'mit') OR NOT list_contains(b.l, 'apache-2.0'))
        ORDER BY p.child, p.parent
        """;

    [Fact(Timeout = 120_000)]
    public async Task Drift_edges_of_the_license_arc_are_exactly_the_catalog_edges_behind_it()
    {
        fixture.RequireData();
        var arc = fixture.Results.GetProperty("drift").GetProperty("license").GetProperty("graph").GetProperty("edges")[0];
        Assert.Equal("apache-2.0", arc.GetProperty("from").GetString());
        Assert.Equal("mit", arc.GetProperty("to").GetString());
        Assert.Equal(8, arc.GetProperty("transitions").GetInt64());

        var (status, body, _) = await fixture.Get(fixture.Address, "api/drift/edges?trait=license&from=apache-2.0&to=mit");

        Assert.Equal(200, status);
        var expected = fixture.Sql(LicenseEdgesSql);
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, [.. body.GetProperty("edges").EnumerateArray().Select(e =>
            $"{e.GetProperty("child").GetString()}|{e.GetProperty("parent").GetString()}|{e.GetProperty("relation").GetString()}|{e.GetProperty("transitions").GetInt32()}")]);
        Assert.Equal(4, body.GetProperty("total").GetInt32());
        Assert.Equal(8, body.GetProperty("transitions").GetInt64());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nextOffset").ValueKind);
        Assert.All(body.GetProperty("edges").EnumerateArray(), e => Assert.Equal("mit", string.Join(',', e.GetProperty("childValues").EnumerateArray().Select(v => v.GetString()))));

        var (_, page, _) = await fixture.Get(fixture.Address, "api/drift/edges?trait=license&from=apache-2.0&to=mit&offset=1&limit=2");
        Assert.Equal(expected[1..3], [.. page.GetProperty("edges").EnumerateArray().Select(e =>
            $"{e.GetProperty("child").GetString()}|{e.GetProperty("parent").GetString()}|{e.GetProperty("relation").GetString()}|{e.GetProperty("transitions").GetInt32()}")]);
        Assert.Equal(3, page.GetProperty("nextOffset").GetInt32());
        Assert.Equal(4, page.GetProperty("total").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_drift_arc_lists_edges_carrying_exactly_its_transitions_both_ways()
    {
        fixture.RequireData();
        var arcs = 0;
        foreach (var trait in Traits)
        {
            foreach (var arc in fixture.Results.GetProperty("drift").GetProperty(trait).GetProperty("graph").GetProperty("edges").EnumerateArray())
            {
                var (from, to) = (Uri.EscapeDataString(arc.GetProperty("from").GetString()!), Uri.EscapeDataString(arc.GetProperty("to").GetString()!));
                var (_, forward, _) = await fixture.Get(fixture.Address, $"api/drift/edges?trait={trait}&from={from}&to={to}&limit=1000");
                var (_, backward, _) = await fixture.Get(fixture.Address, $"api/drift/edges?trait={trait}&from={to}&to={from}&limit=1000");
                Assert.Equal(arc.GetProperty("transitions").GetInt64(), forward.GetProperty("transitions").GetInt64());
                Assert.Equal(arc.GetProperty("reverseTransitions").GetInt64(), backward.GetProperty("transitions").GetInt64());
                Assert.Equal(forward.GetProperty("transitions").GetInt64(), forward.GetProperty("edges").EnumerateArray().Sum(e => e.GetProperty("transitions").GetInt64()));
                arcs++;
            }
        }
        Assert.Equal(1 + 44 + 1 + 4, arcs); // license, language, task, library arcs of this family
    }

    [Fact(Timeout = 120_000)]
    public async Task Bad_drift_queries_are_a_400_naming_the_problem_and_unknown_values_have_no_edges()
    {
        fixture.RequireData();
        var (badTrait, badBody, _) = await fixture.Get(fixture.Address, "api/drift/edges?trait=colour&from=a&to=b");
        var (noFrom, noFromBody, _) = await fixture.Get(fixture.Address, "api/drift/edges?trait=license&to=mit");
        var (unknown, unknownBody, _) = await fixture.Get(fixture.Address, "api/drift/edges?trait=license&from=apache-2.0&to=no-such-license");

        Assert.Equal(400, badTrait);
        Assert.Equal("trait 'colour' is not one of license, language, task, library", badBody.GetProperty("error").GetString());
        Assert.Equal(400, noFrom);
        Assert.Equal("from and to name the two values of the transition (as results.json writes them)", noFromBody.GetProperty("error").GetString());
        Assert.Equal(200, unknown);
        Assert.Equal(0, unknownBody.GetProperty("total").GetInt32());
        Assert.Equal(0, unknownBody.GetProperty("edges").GetArrayLength());
    }

    [Fact(Timeout = 300_000)]
    public async Task The_report_is_the_folders_results_json_or_computed_on_request_with_the_same_figures()
    {
        fixture.RequireData();
        var (status, served, response) = await fixture.Get(fixture.Address, "api/report");
        var (computedStatus, computed, computedResponse) = await fixture.Get(fixture.ComputingAddress, "api/report");

        Assert.Equal(200, status);
        Assert.Equal("file", response.Headers.GetValues("X-Report-Source").Single());
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(fixture.ReportDirectory, "results.json"), TestContext.Current.CancellationToken),
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(200, computedStatus);
        Assert.Equal("computed", computedResponse.Headers.GetValues("X-Report-Source").Single());
        foreach (var key in (string[])["families", "headline", "similarity", "mutation", "drift", "documentation", "compliance", "similarityVerdict", "notMeasured"])
        {
            Assert.True(JsonElement.DeepEquals(served.GetProperty(key), computed.GetProperty(key)), $"results.json '{key}' differs between the file and the computed report");
        }
        Assert.Equal(fixture.CatalogPath, computed.GetProperty("inputs").GetProperty("catalog").GetString());
    }
}
