using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OtpNet;
using PressDeck.Testing;

namespace PressDeck.Browser.Tests;

/// <summary>
/// Two-factor sign-in as a person meets it (issue 5): turned on in /account/security with a code computed from the key
/// the page shows, as a phone's authenticator app would; then signing out and in again asks for a fresh code. Both
/// pages meet WCAG 2.2 AA in the light and dark colour schemes. A server of its own, so the shared admin keeps signing
/// in with a password only.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class TwoFactorTests(BrowserFixture fixture)
{
    [Fact]
    [Trait("Issue", "5")]
    public async Task A_person_turns_on_two_factor_and_then_signs_in_with_a_code_from_the_app()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await PressDeckServer.StartAsync(postsPerSecond: 1, backfill: 20, cancellationToken: cancellationToken);
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

        await page.GotoAsync("/account/security");
        await Assertions.Expect(page.Locator("#two-factor-status")).ToContainTextAsync("Two-factor sign-in is off");
        await AssertAccessibleAsync(page, "security, two-factor off");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        var shownKey = await page.Locator("#shared-key").InnerTextAsync();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", shownKey);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code that adds PressDeck to an authenticator app" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "security, key shown");
        var app = new Totp(Base32Encoding.ToBytes(shownKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var setupCode = app.ComputeTotp(now);
        await page.GetByLabel("Code from your authenticator app").FillAsync(setupCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the code and turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-factor sign-in is on");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await AssertAccessibleAsync(page, "security, recovery codes");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.GetByLabel("Email address").FillAsync(BrowserFixture.AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/two-factor"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your code" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "two-factor");

        // A code the app has not shown before: the next time step's (PressDeck accepts a step either side for clock drift).
        var freshCode = Enumerable.Range(1, 2).Select(step => app.ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(30 * step))).First(code => code != setupCode);
        await page.GetByLabel("Code from your authenticator app").FillAsync(freshCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(server.BaseUrl + "/");
        await page.Locator(".deck-column").First.WaitForAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page, string where)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
            var results = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
            });
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, $"{where} ({scheme}): " + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        }
    }
}
