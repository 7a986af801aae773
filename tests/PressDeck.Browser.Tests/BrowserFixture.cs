using Microsoft.Playwright;
using PressDeck.Testing;

namespace PressDeck.Browser.Tests;

/// <summary>
/// One PressDeck server with a fresh database and one headless Debian Chromium for a test class. The admin account is
/// created through the printed one-time set-up link, exactly as a new office would, and its sign-in is kept for the tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string AdminEmail = "lead@press.example.gov.uk";
    public const string AdminPassword = "correct horse battery staple";

    private IPlaywright? _playwright;

    public PressDeckServer Server { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The signed-in admin's cookies, for new browser contexts.</summary>
    public string AdminState { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Server = await PressDeckServer.StartAsync(postsPerSecond: 10, backfill: 150);
        _playwright = await Playwright.CreateAsync();
        // Generous waits: on a busy 2-core CI machine a live circuit can take several seconds to answer.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });

        var link = await Server.WaitForSetupLinkAsync(CancellationToken.None);
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        // The first page of a fresh server (setup, then the deck with its backfill) can take well over Playwright's
        // 30 s when the other test projects run beside this one on a 2-core machine; a CI run once timed out here.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        await page.GotoAsync(link);
        await page.GetByLabel("Your name").FillAsync("Sam Lead");
        await page.GetByLabel("Email address").FillAsync(AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AdminPassword);
        await page.GetByLabel("Password again").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account and open the deck" }).ClickAsync();
        await page.WaitForURLAsync(Server.BaseUrl + "/");
        await page.Locator(".deck-column").First.WaitForAsync();
        AdminState = await context.StorageStateAsync();
    }

    public async Task<IPage> NewAdminPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = AdminState,
            ViewportSize = viewport ?? new ViewportSize { Width = 1600, Height = 1000 },
            BaseURL = Server.BaseUrl,
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
