using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using netDumbster.smtp;
using PressDeck.Testing;

namespace PressDeck.Browser.Tests;

/// <summary>
/// Issue 5: the admin invites an officer; the invitation arrives at an SMTP server inside the test; the officer
/// accepts, signs in and sees the office deck; the admin deactivates them and the officer's open deck is cut off
/// within 10 seconds.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class TeamTests(BrowserFixture fixture)
{
    private const string OfficerEmail = "priya.shah@press.example.gov.uk";
    private const string OfficerPassword = "kettle orbit lantern meadow";

    [Fact]
    [Trait("Issue", "5")]
    public async Task An_invited_officer_joins_by_email_sees_the_office_deck_and_is_cut_off_within_10_seconds_of_deactivation()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var smtpPort = FreePort();
        using var smtp = SimpleSmtpServer.Start(smtpPort);
        await using var server = await PressDeckServer.StartAsync(
            postsPerSecond: 5,
            backfill: 50,
            cancellationToken: cancellationToken,
            extraArguments:
            [
                "--Email:Host=127.0.0.1", "--Email:Port=" + smtpPort.ToString(CultureInfo.InvariantCulture), "--Email:Security=None",
                "--Email:FromAddress=pressdeck@press.example.gov.uk",
            ]);

        await using var adminContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        var admin = await adminContext.NewPageAsync();
        await admin.GotoAsync(await server.WaitForSetupLinkAsync(cancellationToken));
        await admin.GetByLabel("Your name").FillAsync("Sam Lead");
        await admin.GetByLabel("Email address").FillAsync(BrowserFixture.AdminEmail);
        await admin.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.AdminPassword);
        await admin.GetByLabel("Password again").FillAsync(BrowserFixture.AdminPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create account and open the deck" }).ClickAsync();
        await admin.Locator(".deck-column").First.WaitForAsync();
        var officeColumns = await admin.Locator(".deck-column .column-title").AllInnerTextsAsync();

        // The admin invites Priya as a press officer.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Priya Shah");
        await admin.GetByLabel("Email address").FillAsync(OfficerEmail);
        await admin.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("officer");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("Invitation sent to " + OfficerEmail)).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("#invitations-table")).ToContainTextAsync("Priya Shah");
        await AssertAccessibleAsync(admin, "team page");

        // The email arrives, addressed to her, with a once-only link.
        var email = await WaitForEmailAsync(smtp, cancellationToken);
        Assert.Equal(OfficerEmail, email.ToAddresses.Single().Address);
        Assert.Contains("Sam Lead invited you to PressDeck", email.Headers["Subject"], StringComparison.Ordinal);
        var link = LinkPattern().Match(email.MessageParts[0].BodyData).Value;
        Assert.StartsWith(server.BaseUrl + "/account/invitation?token=", link, StringComparison.Ordinal);

        // Priya accepts, chooses a password and lands on the office's deck.
        await using var officerContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        var officer = await officerContext.NewPageAsync();
        await officer.GotoAsync(link);
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "Join the press office" })).ToBeVisibleAsync();
        await Assertions.Expect(officer.GetByText("Sam Lead invited you as")).ToBeVisibleAsync();
        await AssertAccessibleAsync(officer, "invitation page");
        await officer.GetByLabel("Password", new() { Exact = true }).FillAsync(OfficerPassword);
        await officer.GetByLabel("Password again").FillAsync(OfficerPassword);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Join and open the deck" }).ClickAsync();
        await officer.WaitForURLAsync(server.BaseUrl + "/");
        await officer.Locator(".deck-column").First.WaitForAsync();
        Assert.Equal(officeColumns, await officer.Locator(".deck-column .column-title").AllInnerTextsAsync());
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "Team" })).ToHaveCountAsync(0);

        // The link works once only.
        await using var replayContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var replay = await replayContext.NewPageAsync();
        await replay.GotoAsync(link);
        await Assertions.Expect(replay.GetByText("This invitation has already been used")).ToBeVisibleAsync();

        // The admin deactivates her; her open deck is cut off within 10 seconds.
        await admin.ReloadAsync();
        await Assertions.Expect(admin.Locator("tr[data-person='" + OfficerEmail + "']")).ToContainTextAsync("Active");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Deactivate Priya Shah" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync();
        var clock = Stopwatch.StartNew();
        await Assertions.Expect(admin.Locator("tr[data-person='" + OfficerEmail + "']")).ToContainTextAsync("Deactivated");
        await officer.WaitForURLAsync(new Regex("/account/login"), new PageWaitForURLOptions { Timeout = 10_000 });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cut off after {clock.Elapsed.TotalSeconds:0.0} s");
        await Assertions.Expect(officer.Locator(".deck-column")).ToHaveCountAsync(0);

        // And she cannot sign in again.
        await officer.GetByLabel("Email address").FillAsync(OfficerEmail);
        await officer.GetByLabel("Password").FillAsync(OfficerPassword);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("This account has been deactivated")).ToBeVisibleAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, what + ": " + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private static async Task<SmtpMessage> WaitForEmailAsync(SimpleSmtpServer smtp, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (smtp.ReceivedEmailCount == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "No invitation email arrived at the test's SMTP server.");
            await Task.Delay(100, cancellationToken);
        }

        return smtp.ReceivedEmail.Single();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"http://\S+/account/invitation\?token=[0-9a-f]{64}")]
    private static partial Regex LinkPattern();
}
