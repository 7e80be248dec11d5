using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Browser;

/// <summary>
/// The app on a real Kestrel port on loopback, and Debian's chromium driven by Playwright. Never a downloaded
/// browser: scripts/test.sh installs the chromium package; PROJECTSPARK_CHROMIUM overrides the path.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public SparkFactory Factory { get; } = new(StorageKind.Sqlite);
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;

    public static string ScreenshotFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProjectSpark.sln"))) dir = dir.Parent;
            var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        var chromium = Environment.GetEnvironmentVariable("PROJECTSPARK_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"No chromium at {chromium}. Run the tests with ./scripts/test.sh (it installs Debian's chromium) or set PROJECTSPARK_CHROMIUM.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (its own cookies), signed in through the development sign-in.</summary>
    public async Task<IPage> SignedIn(string email, int width = 1000)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/dev/sign-in?email={Uri.EscapeDataString(email)}");
        return page;
    }

    public static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Factory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp> { public const string Name = "browser"; }
