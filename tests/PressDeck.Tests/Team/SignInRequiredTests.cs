using System.Net;
using PressDeck.Testing;

namespace PressDeck.Tests.Team;

public sealed class SignInRequiredTests(SignInRequiredTests.ServerFixture fixture) : IClassFixture<SignInRequiredTests.ServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Theory]
    [Trait("Issue", "2")]
    [InlineData("/")]
    [InlineData("/search?q=budget")]
    [InlineData("/lists")]
    [InlineData("/admin/ingest")]
    public async Task Pages_send_an_anonymous_visitor_to_sign_in(string path)
    {
        using var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "2")]
    public async Task The_live_feed_refuses_an_anonymous_connection()
    {
        using var negotiate = await _client.PostAsync("/_blazor/negotiate?negotiateVersion=1", content: null, TestContext.Current.CancellationToken);
        using var connect = await _client.GetAsync("/_blazor?id=anything", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, connect.StatusCode);
    }

    [Fact]
    [Trait("Issue", "2")]
    public async Task The_archive_export_refuses_an_anonymous_request()
    {
        using var response = await _client.GetAsync("/api/archive/export.csv?q=budget", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_and_sign_in_are_open_and_health_says_only_its_status()
    {
        using var health = await _client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var login = await _client.GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Pages_forbid_framing_and_inline_script()
    {
        using var login = await _client.GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
        var policy = login.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    public sealed class ServerFixture : IAsyncLifetime
    {
        private PressDeckServer _server = default!;

        public HttpClient Client { get; private set; } = default!;

        public async ValueTask InitializeAsync()
        {
            _server = await PressDeckServer.StartAsync(postsPerSecond: 1, backfill: 10);
            Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_server.BaseUrl) };
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _server.DisposeAsync();
        }
    }
}
