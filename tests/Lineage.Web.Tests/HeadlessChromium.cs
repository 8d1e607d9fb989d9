using PuppeteerSharp;

namespace Kinship.Lineage.Web.Tests;

/// <summary>
/// Debian's headless Chromium (<c>/usr/bin/chromium</c>, never downloaded) driven by PuppeteerSharp; screenshots go to the
/// test output's <c>screenshots/</c> folder and are attached to the test. Skips with a message when Chromium is absent.
/// </summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<IBrowser> Launch(string profile)
    {
        if (!File.Exists(Executable))
        {
            Assert.Skip($"browser tests need Debian's chromium at {Executable} (apt-get install -y chromium; .ci/run installs it when apt is available)");
        }
        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            UserDataDir = profile,
            Timeout = 60_000,
            // As root in a container, without GPU, and without Chromium's own network chatter (this machine's network is closed).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1000"],
        });
    }

    /// <summary>A 1280×1000 page with 30 s timeouts whose script errors are collected into <paramref name="errors"/>.</summary>
    public static async Task<IPage> OpenPage(IBrowser browser, List<string> errors)
    {
        var page = await browser.NewPageAsync();
        page.DefaultTimeout = 30_000;
        page.DefaultNavigationTimeout = 30_000;
        page.PageError += (_, e) => errors.Add(e.Message);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 1000 });
        return page;
    }

    public static async Task Shot(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var path = Path.Combine(Screenshots, name + ".png");
        await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        TestContext.Current.AddAttachment(name, path);
    }

    public static Task<string> Text(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => document.querySelector(s)?.textContent ?? ''", selector);
}
