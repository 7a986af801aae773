using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.Mastodon;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Mastodon;

[Trait("Issue", "6")]
public sealed class MastodonServerLimitsClientTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_servers_own_limits_are_read_from_the_v2_instance_document()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.InstanceMaxCharacters = 5000;
        server.InstanceCharactersReservedPerUrl = 30;
        server.InstanceMaxMediaAttachments = 8;
        using var http = MastodonTestClients.Http();

        var limits = await new MastodonServerLimitsClient(http, new FakeTimeProvider(Morning)).GetAsync(server.Url, Cancellation);

        Assert.Equal(new MastodonServerLimits(5000, 30, 8), limits);
        var request = Assert.Single(server.RecordedRequests);
        Assert.Equal(("GET", "/api/v2/instance"), (request.Method, request.Path));
    }

    [Fact]
    public async Task Missing_fields_take_mastodons_defaults()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.InstanceMaxCharacters = 1000;
        server.InstanceCharactersReservedPerUrl = null;
        server.InstanceMaxMediaAttachments = null;
        using var http = MastodonTestClients.Http();

        var limits = await new MastodonServerLimitsClient(http, new FakeTimeProvider(Morning)).GetAsync(server.Url, Cancellation);

        Assert.Equal(new MastodonServerLimits(1000, 23, 4), limits);
    }

    [Theory]
    [InlineData("{\"configuration\": {\"statuses\": ")]
    [InlineData("<html><body>Maintenance</body></html>")]
    [InlineData("[1, 2, 3]")]
    public async Task An_answer_that_is_not_a_json_object_is_null_not_an_exception(string body)
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.AnswerNext(200, body);
        using var http = MastodonTestClients.Http();

        var limits = await new MastodonServerLimitsClient(http, new FakeTimeProvider(Morning)).GetAsync(server.Url, Cancellation);

        Assert.Null(limits);
    }

    [Fact]
    public async Task A_server_error_is_null_and_is_not_kept_so_the_next_call_asks_again()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.FailNext(503);
        using var http = MastodonTestClients.Http();
        var client = new MastodonServerLimitsClient(http, new FakeTimeProvider(Morning));

        var failed = await client.GetAsync(server.Url, Cancellation);
        var read = await client.GetAsync(server.Url, Cancellation);

        Assert.Null(failed);
        Assert.Equal(MastodonServerLimits.Defaults, read);
        Assert.Equal(2, server.RecordedRequests.Count);
    }

    [Fact]
    public async Task The_limits_are_kept_for_six_hours_per_server_then_read_again()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.InstanceMaxCharacters = 5000;
        using var http = MastodonTestClients.Http();
        var clock = new FakeTimeProvider(Morning);
        var client = new MastodonServerLimitsClient(http, clock);

        var first = await client.GetAsync(server.Url, Cancellation);
        server.InstanceMaxCharacters = 3000;
        clock.Advance(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        var cached = await client.GetAsync(new Uri(server.Url, "/some/other/path"), Cancellation);
        clock.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await client.GetAsync(server.Url, Cancellation);

        Assert.Equal(5000, first!.MaxCharacters);
        Assert.Equal(5000, cached!.MaxCharacters);
        Assert.Equal(3000, refreshed!.MaxCharacters);
        Assert.Equal(2, server.RecordedRequests.Count);
    }

    [Fact]
    public async Task A_server_without_the_v2_document_is_read_from_v1()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.HasInstanceV2 = false;
        server.InstanceMaxCharacters = 1500;
        using var http = MastodonTestClients.Http();

        var limits = await new MastodonServerLimitsClient(http, new FakeTimeProvider(Morning)).GetAsync(server.Url, Cancellation);

        Assert.Equal(new MastodonServerLimits(1500, 23, 4), limits);
        Assert.Equal(["/api/v2/instance", "/api/v1/instance"], server.RecordedRequests.Select(request => request.Path));
    }

    [Fact]
    public async Task A_private_address_is_null_and_nothing_is_sent()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http(allowLoopback: false);

        var limits = await new MastodonServerLimitsClient(http, new FakeTimeProvider(Morning)).GetAsync(server.Url, Cancellation);

        Assert.Null(limits);
        Assert.Empty(server.RecordedRequests);
    }
}
