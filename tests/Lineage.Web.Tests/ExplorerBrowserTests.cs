using PuppeteerSharp;

namespace Kinship.Lineage.Web.Tests;

/// <summary>
/// The explorer in a real browser: Debian's headless Chromium (<c>/usr/bin/chromium</c>, never downloaded) driven by
/// PuppeteerSharp against the server on 127.0.0.1. Each page is saved as a screenshot under the test output's
/// <c>screenshots/</c> folder. Skipped with a message when Chromium is not installed.
/// </summary>
public sealed class ExplorerBrowserTests(ExplorerFixture fixture) : IClassFixture<ExplorerFixture>
{
    private const string Root = ExplorerFixture.Root;
    private const string Sertraline = "allura-org/Mistral-Small-24b-Sertraline-0304";
    private const string Instruct = "mistralai/Mistral-Small-24B-Instruct-2501";
    private const string UnslothInstruct = "unsloth/Mistral-Small-24B-Instruct-2501";

    private static Task<IBrowser> Launch(string profile) => HeadlessChromium.Launch(profile);

    private static Task Shot(IPage page, string name) => HeadlessChromium.Shot(page, name);

    private static Task<string> Text(IPage page, string selector) => HeadlessChromium.Text(page, selector);

    [Fact(Timeout = 180_000)]
    public async Task Search_open_expand_follow_a_parent_and_open_the_family_in_headless_chromium()
    {
        fixture.RequireData();
        var profile = Path.Combine(fixture.Folder, "chromium-profile");
        await using var browser = await Launch(profile);
        var errors = new List<string>();
        await using var page = await HeadlessChromium.OpenPage(browser, errors);

        // 1. Search with type-ahead, keyboard only: type, ArrowDown, Enter.
        await page.GoToAsync(fixture.Address.ToString(), WaitUntilNavigation.Networkidle0);
        await page.WaitForSelectorAsync("#search");
        await page.TypeAsync("#search", "sertraline");
        await page.WaitForSelectorAsync($"li[role=option][data-id='{Sertraline}']");
        Assert.Equal("true", await page.EvaluateExpressionAsync<string>("document.querySelector('#search').getAttribute('aria-expanded')"));
        Assert.Contains("1 models match", await Text(page, "#search-summary"), StringComparison.Ordinal);
        await Shot(page, "1-search");
        await page.Keyboard.PressAsync("ArrowDown");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.Keyboard.PressAsync("Enter"));

        // 2. The model page: its facts, its parent.
        await page.WaitForSelectorAsync("#model-title");
        Assert.Equal("/model/" + Sertraline, new Uri(page.Url).AbsolutePath);
        Assert.Equal(Sertraline, await Text(page, "#model-title"));
        await page.WaitForSelectorAsync($"#ancestry li[data-id='{Root}']");
        await Shot(page, "2-model");

        // 3. Follow the parent link to the root.
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync($"a.parent-link[href='/model/{Root}']"));
        await page.WaitForSelectorAsync("#descendants");
        Assert.Equal(Root, await Text(page, "#model-title"));
        var rootChildren = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#descendants > li > ul > li').length");
        Assert.Equal(23, rootChildren);

        // 4. Expand a child whose children came with the page (depth 2), then a grandchild whose children load lazily.
        var instruct = $"#descendants li[data-id='{Instruct}']";
        Assert.Equal("false", await page.EvaluateFunctionAsync<string>("s => document.querySelector(s).getAttribute('aria-expanded')", instruct));
        await page.ClickAsync(instruct + " > .line > button.toggle");
        await page.WaitForSelectorAsync(instruct + " > ul[role=group]:not([hidden]) > li", new WaitForSelectorOptions { Visible = true });
        Assert.Equal(27, await page.EvaluateFunctionAsync<int>("s => document.querySelectorAll(s + ' > ul > li').length", instruct));
        var grandchild = $"{instruct} > ul > li[data-id='{UnslothInstruct}']";
        Assert.Equal(0, await page.EvaluateFunctionAsync<int>("s => document.querySelectorAll(s + ' > ul > li').length", grandchild));
        await page.ClickAsync(grandchild + " > .line > button.toggle");
        await page.WaitForSelectorAsync(grandchild + " > ul[role=group]:not([hidden]) > li", new WaitForSelectorOptions { Visible = true });
        var lazy = await page.EvaluateFunctionAsync<string[]>("s => [...document.querySelectorAll(s + ' > ul > li')].map(li => li.dataset.id)", grandchild);
        var expected = fixture.Sql($"SELECT child FROM parents WHERE parent = '{UnslothInstruct}' ORDER BY child");
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, lazy);
        await Shot(page, "3-model-expanded");

        // 5. The family page.
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#family-link"));
        await page.WaitForSelectorAsync("#family-size");
        Assert.Equal("67", await Text(page, "#family-size"));
        Assert.Equal("3", await Text(page, "#family-depth"));
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('figure svg[role=img][aria-label]').length") >= 4);
        Assert.Equal(Instruct, await page.EvaluateExpressionAsync<string>("document.querySelector('#branches tbody tr td a').textContent"));
        await Shot(page, "4-family");

        Assert.Empty(errors);
    }
}
