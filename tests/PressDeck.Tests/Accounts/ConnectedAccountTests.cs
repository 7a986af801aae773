using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Accounts;
using PressDeck.Core.Posts;
using PressDeck.Testing;

using PressDeck.Tests.Team;

namespace PressDeck.Tests.Accounts;

/// <summary>Issue 4: one ConnectedAccount model; credentials tested by signing in, stored only encrypted.</summary>
[Trait("Issue", "4")]
public sealed class ConnectedAccountTests
{
    private const string AppPassword = "abcd-efgh-ijkl-mnop";

    /// <summary>The fake servers listen on 127.0.0.1, which an operator must allow explicitly.</summary>
    private static readonly string[] AllowLoopback = ["--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bluesky_account_connects_with_an_app_password_that_is_stored_only_encrypted()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts["pressoffice.bsky.social"] = AppPassword;
        var folder = PressDeckServer.NewDataFolder();
        await using var app = await StartAsync(folder, allowLoopback: true);

        await using var scope = await TestPeople.AdminScopeAsync(app.Services);
        var service = scope.ServiceProvider.GetRequiredService<ConnectedAccountService>();
        var (account, error) = await service.ConnectAsync(
            new ConnectAccountForm { Network = Network.Bluesky, ServerUrl = pds.Url.ToString(), Identifier = "@PressOffice.bsky.social", Secret = AppPassword },
            Cancel);

        Assert.Null(error);
        Assert.NotNull(account);
        Assert.Equal("pressoffice.bsky.social", account.Handle);
        Assert.Contains("\"identifier\":\"PressOffice.bsky.social\"", pds.Bodies.First(), StringComparison.Ordinal);
        var listed = Assert.Single(await service.ListAsync(Cancel));
        Assert.Equal(FakeBlueskyPds.DidOf("pressoffice.bsky.social"), await ScalarAsync(folder, "SELECT RemoteAccountId FROM ConnectedAccounts"));
        Assert.Null(listed.LastCheckError);

        // The secret is nowhere in the database file in clear text, nor in its write-ahead log.
        await app.StopAsync(Cancel);
        foreach (var file in Directory.GetFiles(folder, "pressdeck.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file, Cancel);
            Assert.DoesNotContain(AppPassword, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.DoesNotContain(AppPassword, Encoding.Unicode.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_stored_secret_signs_in_again_when_tested_and_a_changed_password_shows_as_failing()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts["pressoffice.bsky.social"] = AppPassword;
        await using var app = await StartAsync(PressDeckServer.NewDataFolder(), allowLoopback: true);
        await using var scope = await TestPeople.AdminScopeAsync(app.Services);
        var service = scope.ServiceProvider.GetRequiredService<ConnectedAccountService>();
        var (account, _) = await service.ConnectAsync(
            new ConnectAccountForm { Network = Network.Bluesky, ServerUrl = pds.Url.ToString(), Identifier = "pressoffice.bsky.social", Secret = AppPassword }, Cancel);

        var working = await service.CheckAsync(account!.Id, Cancel);
        pds.Accounts["pressoffice.bsky.social"] = "revoked-app-password";
        var failing = await service.CheckAsync(account.Id, Cancel);

        Assert.Null(working!.LastCheckError);
        Assert.Equal("Bluesky did not accept the handle and app password (401: Invalid identifier or password).", failing!.LastCheckError);
        // Connecting and both tests signed in (the account's notifications source may have signed in too).
        Assert.True(pds.Bodies.Count >= 3);
        // Connecting and both tests signed in with the password as stored (decrypted); the second found it revoked.
        Assert.All(pds.Bodies, body => Assert.Contains(AppPassword, body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_app_password_is_refused_in_words_and_nothing_is_stored()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts["pressoffice.bsky.social"] = AppPassword;
        await using var app = await StartAsync(PressDeckServer.NewDataFolder(), allowLoopback: true);
        await using var scope = await TestPeople.AdminScopeAsync(app.Services);
        var service = scope.ServiceProvider.GetRequiredService<ConnectedAccountService>();

        var (account, error) = await service.ConnectAsync(
            new ConnectAccountForm { Network = Network.Bluesky, ServerUrl = pds.Url.ToString(), Identifier = "pressoffice.bsky.social", Secret = "wrong-pass-word-0000" }, Cancel);

        Assert.Null(account);
        Assert.Equal("Bluesky did not accept the handle and app password (401: Invalid identifier or password).", error);
        Assert.Empty(await service.ListAsync(Cancel));
    }

    [Fact]
    public async Task Mastodon_and_x_accounts_connect_with_their_access_tokens_and_a_wrong_token_is_refused_in_words()
    {
        await using var mastodon = await FakeMastodonServer.StartAsync();
        await using var x = await FakeXServer.StartAsync();
        await using var app = await StartAsync(PressDeckServer.NewDataFolder(), allowLoopback: true);
        await using var scope = await TestPeople.AdminScopeAsync(app.Services);
        var service = scope.ServiceProvider.GetRequiredService<ConnectedAccountService>();

        var (onMastodon, mastodonError) = await service.ConnectAsync(
            new ConnectAccountForm { Network = Network.Mastodon, ServerUrl = mastodon.Url.ToString(), Secret = FakeMastodonServer.Token }, Cancel);
        var (onX, xError) = await service.ConnectAsync(
            new ConnectAccountForm { Network = Network.X, ServerUrl = x.Url.ToString(), Secret = FakeXServer.UserToken }, Cancel);
        var (refused, refusedError) = await service.ConnectAsync(
            new ConnectAccountForm { Network = Network.Mastodon, ServerUrl = mastodon.Url.ToString(), Secret = "not-the-token" }, Cancel);

        Assert.Null(mastodonError);
        Assert.Contains("@", onMastodon!.Handle, StringComparison.Ordinal);
        Assert.Null(xError);
        Assert.False(string.IsNullOrEmpty(onX!.Handle));
        Assert.Null(refused);
        Assert.Contains("401", refusedError, StringComparison.Ordinal);
        Assert.Equal(2, (await service.ListAsync(Cancel)).Count);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}", "127.0.0.1 is a private, local or reserved address")]
    [InlineData("http://localhost:{port}", "localhost resolves to")]
    [InlineData("http://169.254.169.254", "169.254.169.254 is a private, local or reserved address")]
    [InlineData("http://10.0.0.1", "10.0.0.1 is a private, local or reserved address")]
    [InlineData("file:///etc/passwd", "Only https:// and http:// addresses can be used")]
    public async Task A_server_address_inside_the_office_network_is_refused(string address, string expected)
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts["pressoffice.bsky.social"] = AppPassword;
        await using var app = await StartAsync(PressDeckServer.NewDataFolder(), allowLoopback: false);
        await using var scope = await TestPeople.AdminScopeAsync(app.Services);
        var service = scope.ServiceProvider.GetRequiredService<ConnectedAccountService>();

        var (account, error) = await service.ConnectAsync(
            new ConnectAccountForm { Network = Network.Bluesky, ServerUrl = address.Replace("{port}", pds.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), Identifier = "pressoffice.bsky.social", Secret = AppPassword },
            Cancel);

        Assert.Null(account);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(pds.Bodies);
    }

    private static async Task<WebApplication> StartAsync(string folder, bool allowLoopback)
    {
        var app = PressDeckApp.Build(
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Demo:Enabled=false",
            .. allowLoopback ? AllowLoopback : [],
        ]);
        await app.StartAsync(Cancel);
        return app;
    }

    private static async Task<string?> ScalarAsync(string folder, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "pressdeck.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync(Cancel);
    }
}
