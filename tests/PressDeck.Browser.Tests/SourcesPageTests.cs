using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PressDeck.Testing;

namespace PressDeck.Browser.Tests;

/// <summary>
/// The admin's sources page on a PressDeck whose Bluesky firehose cannot be reached (issue 4): the page shows the
/// source reconnecting with its last error beside the demo network connected, pauses and resumes it, and meets WCAG
/// 2.2 AA in both themes.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class SourcesPageTests(BrowserFixture fixture)
{
    [Fact]
    [Trait("Issue", "4")]
    public async Task A_failing_source_shows_its_last_error_and_next_try_and_can_be_paused_and_resumed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // Port 9 on loopback refuses every connection: the firehose fails at once, every time.
        await using var server = await PressDeckServer.StartAsync(
            postsPerSecond: 2,
            backfill: 0,
            cancellationToken: cancellationToken,
            extraArguments: ["--Bluesky:Enabled=true", "--Bluesky:Jetstream:Url=ws://127.0.0.1:9", "--Bluesky:Jetstream:MaximumBackoff=00:00:03"]);
        var link = await server.WaitForSetupLinkAsync(cancellationToken);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.GetByLabel("Your name").FillAsync("Sam Lead");
        await page.GetByLabel("Email address").FillAsync(BrowserFixture.AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.AdminPassword);
        await page.GetByLabel("Password again").FillAsync(BrowserFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account and open the deck" }).ClickAsync();
        await page.Locator(".deck-column").First.WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Sources" }).ClickAsync();
        var bluesky = page.Locator("tr[data-source='bluesky-jetstream']");
        var demo = page.Locator("tr[data-source='demo']");
        await Assertions.Expect(demo).ToContainTextAsync("Connected");
        await Assertions.Expect(bluesky).ToContainTextAsync("Reconnecting");
        await Assertions.Expect(bluesky).ToContainTextAsync("next try");
        await Assertions.Expect(bluesky).ToContainTextAsync("last error:");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause Bluesky firehose (Jetstream)" }).ClickAsync();
        await Assertions.Expect(bluesky).ToContainTextAsync("Paused");
        await page.ReloadAsync();
        await Assertions.Expect(bluesky).ToContainTextAsync("Paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume Bluesky firehose (Jetstream)" }).ClickAsync();
        await Assertions.Expect(bluesky).ToContainTextAsync("Reconnecting");

        foreach (var dark in new[] { false, true })
        {
            await Theme.UseAsync(page, dark);
            var results = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
            });
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, (dark ? "dark: " : "light: ") + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        }

        await Theme.UseAsync(page, dark: false);
    }
}
