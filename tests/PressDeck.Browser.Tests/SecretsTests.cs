using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using netDumbster.smtp;
using PressDeck.Testing;

namespace PressDeck.Browser.Tests;

/// <summary>
/// Issue 5, SECURITY.md "Credentials leak": with the most verbose logging, an admin connects a Bluesky account (app
/// password) and a Mastodon account (access token), tests the connection and invites someone by email through an SMTP
/// server that needs a password. Then each known secret is looked for everywhere it could leak: every page's DOM and
/// text, every HTTP response the browser received, every Blazor circuit frame the server sent, the archive and audit
/// CSV exports, the invitation email, everything the program printed, and every file in the data folder (as UTF-8 and
/// UTF-16). The secret may reach the server once, from the form; it must never come back.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class SecretsTests(BrowserFixture fixture)
{
    private const string Handle = "pressoffice.bsky.social";
    private const string AppPassword = "zq7k-leak-test-9x3m";
    private const string MastodonToken = "mtok-leak-test-4p8w-r2v6";
    private const string SmtpUser = "pressdeck-mailer";
    private const string SmtpPassword = "smtp-leak-test-7h5j-c3n1";
    private const string InviteeEmail = "noor.ahmed@press.example.gov.uk";

    private static readonly (string Name, string Value)[] Secrets =
    [
        ("the Bluesky app password", AppPassword),
        ("the Mastodon access token", MastodonToken),
        ("the SMTP password", SmtpPassword),
    ];

    [Fact]
    [Trait("Issue", "5")]
    public async Task No_secret_comes_back_in_pages_responses_frames_exports_email_logs_or_the_data_folder()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts[Handle] = AppPassword;
        await using var mastodon = await FakeMastodonServer.StartAsync();
        mastodon.AccessToken = MastodonToken;
        var smtpPort = FreePort();
        using var smtp = SimpleSmtpServer.Start(smtpPort);
        await using var server = await PressDeckServer.StartAsync(
            postsPerSecond: 2,
            backfill: 30,
            cancellationToken: cancellationToken,
            extraArguments:
            [
                "--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1",
                "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft=Trace", "--Logging:LogLevel:System.Net.Http=Trace",
                "--Email:Host=127.0.0.1", "--Email:Port=" + smtpPort.ToString(CultureInfo.InvariantCulture), "--Email:Security=None",
                "--Email:FromAddress=pressdeck@press.example.gov.uk", "--Email:UserName=" + SmtpUser, "--Email:Password=" + SmtpPassword,
            ]);

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });

        // Everything the browser receives: HTTP response bodies (read as they arrive, before a navigation discards
        // them) and the circuit's frames in both directions.
        var bodies = new ConcurrentQueue<Task<(string Where, byte[] Body)>>();
        var received = new ConcurrentQueue<(string Where, byte[] Frame)>();
        var sent = new ConcurrentQueue<byte[]>();
        context.Response += (_, response) => bodies.Enqueue(ReadBodyAsync(response));
        var page = await context.NewPageAsync();
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => received.Enqueue(("WebSocket frame from " + socket.Url, FrameBytes(frame)));
            socket.FrameSent += (_, frame) => sent.Enqueue(FrameBytes(frame));
        };

        await page.GotoAsync(await server.WaitForSetupLinkAsync(cancellationToken));
        await page.GetByLabel("Your name").FillAsync("Sam Lead");
        await page.GetByLabel("Email address").FillAsync(BrowserFixture.AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.AdminPassword);
        await page.GetByLabel("Password again").FillAsync(BrowserFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account and open the deck" }).ClickAsync();
        await page.Locator(".deck-column").First.WaitForAsync();

        // The admin connects the office's Bluesky account with its app password, then tests it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sources" }).ClickAsync();
        await page.GetByLabel("Server address").FillAsync(pds.Url.ToString());
        await page.GetByLabel("Handle").FillAsync(Handle);
        await page.GetByLabel("App password").FillAsync(AppPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test and connect" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Connected @{Handle} on Bluesky.");
        var accounts = page.Locator("#accounts-table");
        await Assertions.Expect(accounts).ToContainTextAsync("@" + Handle);
        await Assertions.Expect(accounts).ToContainTextAsync("secret set");
        var signIns = pds.Bodies.Count(body => body.Contains(AppPassword, StringComparison.Ordinal));
        Assert.True(signIns >= 1, "The PDS never received the app password: " + string.Join(" | ", pds.Bodies));
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the connection of " + Handle }).ClickAsync();
        await WaitUntilAsync(() => pds.Bodies.Count(body => body.Contains(AppPassword, StringComparison.Ordinal)) > signIns, "the test to sign in again", cancellationToken);
        await Assertions.Expect(accounts.Locator("tr", new() { HasText = "@" + Handle })).ToContainTextAsync("Working");

        // And the office's Mastodon account with its access token.
        await page.Locator(".account-connect .mud-input-control.mud-select", new() { HasText = "Network" }).ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Mastodon", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Access token")).ToBeVisibleAsync();
        await page.GetByLabel("Server address").FillAsync(mastodon.Url.ToString());
        await page.GetByLabel("Access token").FillAsync(MastodonToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test and connect" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("on Mastodon.");
        await Assertions.Expect(accounts.Locator("tbody tr")).ToHaveCountAsync(2);
        Assert.Contains("GET /api/v1/accounts/verify_credentials", mastodon.Requests);

        // The admin invites someone, so PressDeck signs in to the SMTP server and sends an email.
        await page.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Noor Ahmed");
        await page.GetByLabel("Email address").FillAsync(InviteeEmail);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Invitation sent to " + InviteeEmail)).ToBeVisibleAsync();
        await WaitUntilAsync(() => smtp.ReceivedEmailCount > 0, "the invitation email", cancellationToken);

        // Where a secret could surface: every page an admin sees, as markup and as text.
        var texts = new List<(string Where, string Text)>();
        foreach (var path in new[] { "/admin/sources", "/admin/team", "/admin/audit", "/admin/ingest", "/", "/search?q=" + Uri.EscapeDataString("pressoffice") })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.WaitForTimeoutAsync(1_500);
            texts.Add(("the DOM of " + path, await page.ContentAsync()));
            texts.Add(("the visible text of " + path, await page.Locator("body").InnerTextAsync()));
        }

        var sourcesText = texts.Single(text => text.Where == "the visible text of /admin/sources").Text;
        Assert.Contains("@" + Handle, sourcesText, StringComparison.Ordinal);
        Assert.Contains("secret set", sourcesText, StringComparison.Ordinal);
        Assert.Contains("Connected an account", texts.Single(text => text.Where == "the visible text of /admin/audit").Text, StringComparison.Ordinal);

        // The exports, downloaded with the admin's cookies.
        var archive = await page.APIRequest.GetAsync("api/archive/export.csv");
        Assert.True(archive.Ok, "archive export: " + archive.Status.ToString(CultureInfo.InvariantCulture));
        var archiveCsv = await archive.TextAsync();
        Assert.True(archiveCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1, "The archive export is empty:\n" + archiveCsv);
        texts.Add(("the archive CSV export", archiveCsv));
        var audit = await page.APIRequest.GetAsync("api/audit/export.csv");
        Assert.True(audit.Ok, "audit export: " + audit.Status.ToString(CultureInfo.InvariantCulture));
        var auditCsv = await audit.TextAsync();
        Assert.Contains("account.connected", auditCsv, StringComparison.Ordinal);
        Assert.Contains(Handle, auditCsv, StringComparison.Ordinal);
        texts.Add(("the audit CSV export", auditCsv));

        // The invitation email as it arrived, headers and all.
        var email = smtp.ReceivedEmail.Single();
        Assert.Equal(InviteeEmail, email.ToAddresses.Single().Address);
        texts.Add(("the invitation email", email.Data));

        var responses = new List<(string Where, byte[] Body)>();
        foreach (var read in bodies)
        {
            responses.Add(await read);
        }

        await context.CloseAsync();

        // Everything the program printed; the data folder once the program has stopped (the write-ahead log folded in or not).
        await server.StopAsync();
        var log = string.Join('\n', server.Output);
        Assert.Matches(ConnectedLine(), log);
        Assert.Contains("System.Net.Http", log, StringComparison.Ordinal);
        texts.Add(("PressDeck's output (logs)", log));
        var files = Directory.EnumerateFiles(server.DataFolder, "*", SearchOption.AllDirectories)
            .Select(file => ("the data folder's " + Path.GetRelativePath(server.DataFolder, file), File.ReadAllBytes(file)))
            .ToList();
        Assert.Contains(files, file => file.Item1.EndsWith("pressdeck.db", StringComparison.Ordinal));

        // The checks see what they claim to see: the typed password did go up the circuit, the rendered account did
        // come down it (inside a render batch), and the pages' HTML was read (the pages render interactively, not before).
        var sentFrames = sent.ToList();
        Assert.Contains(sentFrames, frame => IndexOf(frame, Encoding.UTF8.GetBytes(AppPassword)) >= 0);
        var receivedFrames = received.Select(frame => (frame.Where, Expand(frame.Frame))).ToList();
        Assert.Contains(receivedFrames, frame => frame.Item2.Any(part => IndexOf(part, Encoding.UTF8.GetBytes("@" + Handle)) >= 0));
        Assert.True(
            responses.Any(response => response.Where.EndsWith("/admin/sources", StringComparison.Ordinal) && IndexOf(response.Body, "_framework/blazor.web"u8.ToArray()) >= 0),
            "The sources page's HTML was not read: " + string.Join('\n', responses.Select(response => $"{response.Where}: {response.Body.Length} bytes")));

        var leaks = new List<string>();
        foreach (var (name, secret) in Secrets)
        {
            var utf8 = Encoding.UTF8.GetBytes(secret);
            var utf16 = Encoding.Unicode.GetBytes(secret);
            leaks.AddRange(texts.Where(text => text.Text.Contains(secret, StringComparison.Ordinal))
                .Select(text => $"{name} is in {text.Where}: …{Around(text.Text, secret)}…"));
            leaks.AddRange(responses.Where(response => IndexOf(response.Body, utf8) >= 0 || IndexOf(response.Body, utf16) >= 0)
                .Select(response => $"{name} is in the {response.Where}"));
            leaks.AddRange(receivedFrames.Where(frame => frame.Item2.Any(part => IndexOf(part, utf8) >= 0))
                .Select(frame => $"{name} is in a {frame.Where}: …{Around(Encoding.UTF8.GetString(frame.Item2.First(part => IndexOf(part, utf8) >= 0)), secret)}…"));
            leaks.AddRange(files.Where(file => IndexOf(file.Item2, utf8) >= 0 || IndexOf(file.Item2, utf16) >= 0)
                .Select(file => $"{name} is in {file.Item1}"));
        }

        Assert.True(leaks.Count == 0, "Secrets leaked:\n" + string.Join('\n', leaks.Distinct()));
    }

    private static async Task<(string Where, byte[] Body)> ReadBodyAsync(IResponse response)
    {
        var where = $"HTTP response {response.Status.ToString(CultureInfo.InvariantCulture)} from {response.Url}";
        if (response.Status is 101 or (>= 300 and < 400))
        {
            return (where, []);
        }

        try
        {
            return (where, await response.BodyAsync().WaitAsync(TimeSpan.FromSeconds(20)));
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            return (where + " (body not available)", []);
        }
    }

    private static byte[] FrameBytes(IWebSocketFrame frame) =>
        frame.Binary is { Length: > 0 } binary ? binary : Encoding.UTF8.GetBytes(frame.Text ?? "");

    /// <summary>
    /// A frame and what is packed inside it: Blazor's render batches travel as base64 inside SignalR's JSON messages,
    /// so every long base64 run is decoded and searched too.
    /// </summary>
    private static List<byte[]> Expand(byte[] frame)
    {
        var parts = new List<byte[]> { frame };
        foreach (Match run in Base64Run().Matches(Encoding.UTF8.GetString(frame)))
        {
            var text = run.Value;
            var buffer = new byte[text.Length];
            if (Convert.TryFromBase64String(text, buffer, out var written))
            {
                parts.Add(buffer[..written]);
            }
        }

        return parts;
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var start = Math.Max(0, at - 120);
        return text[start..Math.Min(text.Length, at + secret.Length + 120)].ReplaceLineEndings(" ");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "Timed out waiting for " + what + ".");
            await Task.Delay(100, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("[A-Za-z0-9+/]{16,}={0,2}")]
    private static partial Regex Base64Run();

    [GeneratedRegex(@"Bluesky account pressoffice\.bsky\.social connected by Sam Lead")]
    private static partial Regex ConnectedLine();
}
