using System.Text.Json;

namespace Kinship.Lineage.Web.Tests;

/// <summary>
/// The JSON API of <c>lineage serve</c> on the shared real family, every expected value computed independently: by SQL
/// over the catalog file or by walking the SQL edge list here, never by the library under test.
/// </summary>
public sealed class ExplorerApiTests(ExplorerFixture fixture) : IClassFixture<ExplorerFixture>
{
    private const string Root = ExplorerFixture.Root;
    private const string Merge = "ConicCat/MistralSmallV3R";
    private const string Instruct = "mistralai/Mistral-Small-24B-Instruct-2501";

    private static string[] Strings(JsonElement array, string? property = null) =>
        [.. array.EnumerateArray().Select(e => property is null ? e.GetString()! : e.GetProperty(property).GetString()!)];

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    // The family's edges (parent, child, relation) between catalog models, straight from SQL.
    private List<(string Parent, string Child, string Relation)> Edges() =>
        [.. fixture.Sql("SELECT parent, child, relation FROM parents WHERE parent IN (SELECT id FROM models) AND child IN (SELECT id FROM models) AND parent <> child ORDER BY parent, child")
            .Select(r => r.Split('|')).Select(r => (r[0], r[1], r[2]))];

    private List<string> ChildrenOf(string id) =>
        fixture.Sql($"SELECT child FROM parents WHERE parent = '{id}' AND child IN (SELECT id FROM models) ORDER BY child");

    [Fact]
    public async Task Root_model_answer_matches_the_catalog()
    {
        fixture.RequireData();
        var answer = await fixture.GetJson("api/model/" + Root);

        var children = ChildrenOf(Root);
        Assert.Equal(23, children.Count);
        var model = answer.GetProperty("model");
        Assert.Equal(Root, model.GetProperty("id").GetString());
        Assert.Equal(children.Count, model.GetProperty("children").GetInt32());
        Assert.Equal(0, model.GetProperty("parents").GetInt32());
        Assert.Equal(["apache-2.0"], Strings(model.GetProperty("licenses")));
        Assert.Equal("text-generation", model.GetProperty("task").GetString());
        Assert.Equal("vllm", model.GetProperty("library").GetString());
        Assert.Equal("2025-01-23T14:13:54Z", model.GetProperty("createdAt").GetString());
        Assert.Equal(19970, model.GetProperty("downloads").GetInt64());
        Assert.Equal(0, answer.GetProperty("parents").GetArrayLength());

        var byRelation = fixture.Sql($"SELECT relation, count(*) FROM parents WHERE parent = '{Root}' GROUP BY 1 ORDER BY 1");
        Assert.Equal(["finetune|22", "unknown|1"], byRelation);
        Assert.Equal(22, answer.GetProperty("childrenByRelation").GetProperty("finetune").GetInt32());
        Assert.Equal(1, answer.GetProperty("childrenByRelation").GetProperty("unknown").GetInt32());

        // Shallowest distance of every descendant, by a recursive query.
        var perDistance = fixture.Sql($"""
            WITH RECURSIVE d(id, dist) AS (SELECT '{Root}', 0 UNION ALL SELECT p.child, d.dist + 1 FROM parents p JOIN d ON p.parent = d.id WHERE d.dist < 20)
            SELECT dist, count(*) FROM (SELECT id, min(dist) AS dist FROM d GROUP BY id) WHERE dist > 0 GROUP BY dist ORDER BY dist
            """).Select(r => int.Parse(r.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([23, 36, 7], perDistance);
        Assert.Equal(perDistance, Ints(answer.GetProperty("descendantsPerGeneration")));
        Assert.Equal(66, answer.GetProperty("descendants").GetInt32());

        var family = answer.GetProperty("family");
        Assert.Equal(Root, family.GetProperty("root").GetString());
        Assert.Equal(int.Parse(fixture.Sql("SELECT count(*) FROM models")[0], System.Globalization.CultureInfo.InvariantCulture), family.GetProperty("size").GetInt32());
        Assert.Equal(67, family.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task A_merge_lists_every_parent_with_its_relation_and_license_verdict()
    {
        fixture.RequireData();
        var answer = await fixture.GetJson("api/model/" + Merge);

        var expected = fixture.Sql($"SELECT parent, relation FROM parents WHERE child = '{Merge}' ORDER BY parent");
        Assert.Equal(["arcee-ai/Arcee-Blitz|finetune", Root + "|unknown"], expected);
        var parents = answer.GetProperty("parents").EnumerateArray().ToArray();
        Assert.Equal(expected, parents.Select(p => p.GetProperty("id").GetString() + "|" + p.GetProperty("relation").GetString()));
        Assert.All(parents, p => Assert.True(p.GetProperty("inCatalog").GetBoolean()));
        // apache-2.0 parents and an apache-2.0 child: no rule is broken.
        Assert.All(parents, p => Assert.Equal("ok", p.GetProperty("verdict").GetProperty("status").GetString()));
        Assert.Equal(2, answer.GetProperty("model").GetProperty("parents").GetInt32());
    }

    [Fact]
    public async Task Children_are_paged_in_id_order_and_the_pages_add_up_to_every_child()
    {
        fixture.RequireData();
        var children = ChildrenOf(Root);
        var seen = new List<string>();
        int? offset = 0;
        var pages = 0;
        while (offset is { } from)
        {
            var page = await fixture.GetJson($"api/tree/{Root}?up=0&down=1&offset={from}&limit=10");
            var lines = page.GetProperty("descendants").GetProperty("lines");
            seen.AddRange(lines.EnumerateArray().Select(l => l.GetProperty("node").GetProperty("id").GetString()!));
            var next = page.GetProperty("descendants").GetProperty("nextOffset");
            offset = next.ValueKind == JsonValueKind.Null ? null : next.GetInt32();
            Assert.Equal(23, page.GetProperty("descendants").GetProperty("total").GetInt32());
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(children, seen);
    }

    [Fact]
    public async Task A_tree_shows_each_model_once_and_marks_a_merge_reached_again_as_repeated()
    {
        fixture.RequireData();
        var depth2 = await fixture.GetJson($"api/tree/{Root}?up=0&down=2&limit=100");
        var tree = await fixture.GetJson($"api/tree/{Root}?up=0&down=3&limit=100");

        // Models within two generations, walked here over the SQL edges (breadth-first, shallowest line wins).
        var edges = Edges();
        var level1 = edges.Where(e => e.Parent == Root).Select(e => e.Child).ToHashSet();
        var level2 = edges.Where(e => level1.Contains(e.Parent) && !level1.Contains(e.Child) && e.Child != Root).Select(e => e.Child).ToHashSet();
        Assert.Equal(23 + 36, level1.Count + level2.Count);
        var (expanded2, repeated2) = Walk(depth2);
        Assert.Equal(new[] { Root }.Concat(level1).Concat(level2).Order(StringComparer.Ordinal), expanded2.Order(StringComparer.Ordinal));
        Assert.Empty(repeated2);

        // Three generations reach every model; the merge is a child of the root and of Arcee-Blitz (generation 2):
        // shown once in full at its shallowest line, once more as a repeat.
        var (expanded, repeated) = Walk(tree);
        Assert.Equal(fixture.Sql("SELECT id FROM models").Order(StringComparer.Ordinal), expanded.Order(StringComparer.Ordinal));
        Assert.Equal([Merge], repeated);
        var mergeLine = tree.GetProperty("descendants").GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("node").GetProperty("id").GetString() == Merge);
        Assert.Equal(["arcee-ai/Arcee-Blitz", Root], Strings(mergeLine.GetProperty("allParents"), "id"));
        Assert.Equal("unknown", mergeLine.GetProperty("relation").GetString());
        Assert.False(mergeLine.GetProperty("repeated").GetBoolean());
    }

    private static (List<string> Expanded, List<string> Repeated) Walk(JsonElement tree)
    {
        var expanded = new List<string>();
        var repeated = new List<string>();
        var stack = new Stack<JsonElement>([tree.GetProperty("descendants")]);
        while (stack.Count > 0)
        {
            var line = stack.Pop();
            var id = line.GetProperty("node").GetProperty("id").GetString()!;
            (line.GetProperty("repeated").GetBoolean() ? repeated : expanded).Add(id);
            foreach (var below in line.GetProperty("lines").EnumerateArray())
            {
                stack.Push(below);
            }
        }
        return (expanded, repeated);
    }

    [Fact]
    public async Task Ancestry_reaches_the_root_through_every_parent()
    {
        fixture.RequireData();
        var tree = await fixture.GetJson($"api/tree/{Merge}?up=64&down=0");
        var ancestors = tree.GetProperty("ancestors");
        var ids = new List<string>();
        var stack = new Stack<JsonElement>([ancestors]);
        while (stack.Count > 0)
        {
            var line = stack.Pop();
            ids.Add(line.GetProperty("node").GetProperty("id").GetString()!);
            foreach (var parent in line.GetProperty("lines").EnumerateArray())
            {
                stack.Push(parent);
            }
        }
        var expected = fixture.Sql($"""
            WITH RECURSIVE a(id) AS (SELECT '{Merge}' UNION SELECT p.parent FROM parents p JOIN a ON p.child = a.id)
            SELECT id FROM a ORDER BY id
            """);
        Assert.Equal([Merge, "arcee-ai/Arcee-Blitz", Root, Instruct], expected); // SQL sorts by bytes: upper case first
        Assert.Equal(expected, ids.Distinct().Order(StringComparer.Ordinal));
        // The root is reached twice (directly, and through Arcee-Blitz and the instruct model): expanded once.
        Assert.Equal(2, ids.Count(i => i == Root));
    }

    [Fact]
    public async Task Family_answer_matches_generations_growth_and_branches_computed_from_sql()
    {
        fixture.RequireData();
        var family = await fixture.GetJson("api/family/" + Merge);
        Assert.Equal(Merge, family.GetProperty("model").GetString());
        Assert.Equal(Root, family.GetProperty("root").GetString());
        Assert.Equal(67, family.GetProperty("size").GetInt32());

        // Generation = longest path from a parentless model, by relaxation over the SQL edges.
        var edges = Edges();
        var ids = fixture.Sql("SELECT id FROM models");
        var generation = ids.ToDictionary(i => i, _ => 0);
        for (var round = 0; round < ids.Count; round++)
        {
            foreach (var (parent, child, _) in edges)
            {
                generation[child] = Math.Max(generation[child], generation[parent] + 1);
            }
        }
        var histogram = generation.Values.GroupBy(g => g).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        Assert.Equal(histogram, Ints(family.GetProperty("generations")));
        Assert.Equal(histogram.Length - 1, family.GetProperty("depth").GetInt32());
        Assert.Equal(1, histogram[0]);

        var months = fixture.Sql("SELECT strftime(created_at AT TIME ZONE 'UTC', '%Y-%m') m, count(*) FROM models WHERE created_at IS NOT NULL GROUP BY 1 ORDER BY 1");
        var cumulative = 0;
        var growth = months.Select(r => r.Split('|')).Select(r => r[0] + "|" + (cumulative += int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(growth, family.GetProperty("growth").EnumerateArray().Select(g => g.GetProperty("month").GetString() + "|" + g.GetProperty("models").GetInt32()));
        Assert.Equal(67, cumulative + family.GetProperty("undated").GetInt32());

        // Top branch: the root's child with most models below it (itself included).
        int BranchSize(string head)
        {
            var seen = new HashSet<string> { head };
            var queue = new Queue<string>([head]);
            while (queue.TryDequeue(out var v))
            {
                foreach (var e in edges.Where(e => e.Parent == v && e.Child != Root && seen.Add(e.Child)))
                {
                    queue.Enqueue(e.Child);
                }
            }
            return seen.Count;
        }
        var branches = ChildrenOf(Root).Select(c => (Id: c, Size: BranchSize(c))).OrderByDescending(b => b.Size).ThenBy(b => b.Id, StringComparer.Ordinal).Take(10).ToArray();
        Assert.Equal(Instruct, branches[0].Id);
        Assert.Equal(branches.Select(b => $"{b.Id}|{b.Size}"), family.GetProperty("topBranches").EnumerateArray().Select(b => b.GetProperty("id").GetString() + "|" + b.GetProperty("size").GetInt32()));

        // Licenses of generation 1, by SQL.
        var gen1 = generation.Where(p => p.Value == 1).Select(p => p.Key).ToHashSet();
        var apacheGen1 = fixture.Sql("SELECT id FROM models WHERE list_contains(licenses, 'apache-2.0')").Count(gen1.Contains);
        var mix1 = family.GetProperty("licenseMix")[1];
        Assert.Equal(gen1.Count, mix1.GetProperty("models").GetInt32());
        Assert.Equal(apacheGen1, mix1.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("value").GetString() == "apache-2.0").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Search_ranks_exact_then_prefix_then_name_prefix_then_substring_and_counts_every_match()
    {
        fixture.RequireData();
        var exact = await fixture.GetJson("api/search?q=" + Uri.EscapeDataString(Root.ToUpperInvariant()));
        var first = exact.GetProperty("results")[0];
        Assert.Equal(Root, first.GetProperty("id").GetString());
        Assert.Equal("exact", first.GetProperty("match").GetString());
        Assert.Equal(67, first.GetProperty("familySize").GetInt32());
        Assert.Equal(23, first.GetProperty("children").GetInt32());
        Assert.Equal(22, first.GetProperty("childrenByRelation").GetProperty("finetune").GetInt32());

        const string q = "mistral-small-24b-instruct";
        var answer = await fixture.GetJson($"api/search?q={q}&limit=100");
        var rows = fixture.Sql($"SELECT id, coalesce(downloads, -1) FROM models WHERE contains(lower(id), '{q}')")
            .Select(r => r.Split('|')).Select(r => (Id: r[0], Downloads: long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        static int Kind(string id)
        {
            var lower = id.ToLowerInvariant();
            return lower == q ? 0 : lower.StartsWith(q, StringComparison.Ordinal) ? 1 : lower[(lower.IndexOf('/', StringComparison.Ordinal) + 1)..].StartsWith(q, StringComparison.Ordinal) ? 2 : 3;
        }
        var expected = rows.OrderBy(r => Kind(r.Id)).ThenByDescending(r => r.Downloads).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToArray();
        Assert.True(expected.Length > 5);
        Assert.Equal(expected.Length, answer.GetProperty("total").GetInt32());
        Assert.Equal(expected, Strings(answer.GetProperty("results"), "id"));
        Assert.Contains(answer.GetProperty("results").EnumerateArray(), r => r.GetProperty("match").GetString() == "substring");
    }

    [Fact]
    public async Task Search_by_author_lists_that_namespace_by_downloads()
    {
        fixture.RequireData();
        var answer = await fixture.GetJson("api/search?author=UNSLOTH&limit=50");
        var expected = fixture.Sql("SELECT id FROM models WHERE id LIKE 'unsloth/%' ORDER BY coalesce(downloads, -1) DESC, id");
        Assert.True(expected.Count >= 2);
        Assert.Equal(expected, Strings(answer.GetProperty("results"), "id"));
        Assert.All(answer.GetProperty("results").EnumerateArray(), r => Assert.Equal("unsloth", r.GetProperty("author").GetString()));
        var narrowed = await fixture.GetJson("api/search?author=unsloth&q=instruct");
        Assert.Equal(fixture.Sql("SELECT id FROM models WHERE id LIKE 'unsloth/%' AND contains(lower(id), 'instruct')").Count, narrowed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_naming_it()
    {
        fixture.RequireData();
        var answer = await fixture.GetJson("api/model/nobody/nothing", status: 404);
        Assert.Equal("model 'nobody/nothing' is not in the catalog", answer.GetProperty("error").GetString());
        await fixture.GetJson("api/tree/nobody/nothing", status: 404);
        await fixture.GetJson("api/family/nobody/nothing", status: 404);
        await fixture.GetJson("api/nothing-here", status: 404);
    }

    [Fact]
    public async Task The_catalog_is_released_after_loading_so_an_import_can_write_while_serving()
    {
        fixture.RequireData();
        await fixture.GetJson("api/model/" + Root);
        using var writer = Kinship.Lineage.Catalog.CatalogConnection.OpenWritable(fixture.CatalogPath);
        Assert.Equal(67, Kinship.Lineage.Catalog.CatalogConnection.Scalar(writer, "SELECT count(*) FROM models"));
    }

    [Fact]
    public async Task Pages_are_the_embedded_shell_and_assets_come_from_the_assembly()
    {
        fixture.RequireData();
        foreach (var page in new[] { "", "model/" + Root, "family/" + Root, "report" })
        {
            using var response = await fixture.Http.GetAsync(new Uri(fixture.Address, page), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("/assets/vendor/d3.min.js", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        var d3 = await fixture.Http.GetStringAsync(new Uri(fixture.Address, "assets/vendor/d3.min.js"), TestContext.Current.CancellationToken);
        Assert.StartsWith("// https://d3js.org v7.9.2", d3, StringComparison.Ordinal);
    }
}
