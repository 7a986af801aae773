using System.Net;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.Net;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Mastodon;

[Trait("Issue", "4")]
public sealed class MastodonApiClientTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_credentials_names_the_token_account_as_user_at_instance()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));

        var account = await api.VerifyCredentialsAsync(Cancellation);

        Assert.Equal(new MastodonAccount("43", "halcy@mastodon.social", "autumnal halcy", account.AvatarUrl, "https://mastodon.social/@halcy"), account);
        Assert.Equal("halcy@icosahedron.website", (await api.LookupAccountAsync("halcy@icosahedron.website", Cancellation))!.Handle);
        Assert.Null(await api.LookupAccountAsync("nobody@nowhere.example", Cancellation));
    }

    [Fact]
    public async Task A_missing_token_is_explained_with_the_server_error()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server, withToken: false));

        var refused = await Assert.ThrowsAsync<MastodonApiException>(() => api.VerifyCredentialsAsync(Cancellation));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("mastodon.social answered 401 while checking the access token: the access token is missing, wrong or revoked (\"The access token is invalid\").", refused.Message);
    }

    [Fact]
    public async Task Link_headers_page_through_a_timeline_without_gaps_or_repeats()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));

        var pages = new List<MastodonPage<MastodonStatus>> { await api.GetTimelinePageAsync(MastodonTimeline.Public(), null, null, 5, Cancellation) };
        while (pages[^1].Next is { } next && pages.Count < 20)
        {
            pages.Add(await api.GetStatusPageAsync(next, Cancellation));
        }

        var ids = pages.SelectMany(page => page.Items).Select(status => status.Id).ToList();
        Assert.Equal(16, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids, ids.Order(Comparer<string>.Create(MastodonId.Compare)).Reverse());
        Assert.Empty(pages[^1].Items);
        Assert.All(pages.SkipLast(1), page => Assert.Contains("min_id=" + page.Items[0].Id, page.Previous!.Query, StringComparison.Ordinal));

        var oldest = ids[^1];
        var after = await api.GetTimelineAfterAsync(MastodonTimeline.Public(), oldest, 4, 10, Cancellation);
        Assert.True(after.IsComplete);
        Assert.Equal(ids.SkipLast(1).Reverse(), after.Items.Select(status => status.Id));
    }

    [Fact]
    public async Task Backfill_follows_older_pages_up_to_the_limit()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));
        for (var i = 0; i < 45; i++)
        {
            server.Publish(FakeMastodonServer.StatusLike(117_100_000_000_000_000 + i, $"Budget statement {i}", "budget"), toStream: false);
        }

        var one = await api.BackfillTimelineAsync(MastodonTimeline.Hashtag("budget"), 1, Cancellation);
        var all = await api.BackfillTimelineAsync(MastodonTimeline.Hashtag("#Budget"), 5, Cancellation);

        Assert.Equal(40, one.Items.Count);
        Assert.False(one.IsComplete);
        Assert.Equal(45, all.Items.Count);
        Assert.True(all.IsComplete);
        Assert.Equal("Budget statement 0 #budget", all.Items[0].Post.Text);
        Assert.All(all.Items, status => Assert.Equal(["budget"], status.Post.Hashtags));
        Assert.Contains("GET /api/v1/timelines/tag/Budget?limit=40", server.Requests);
    }

    [Fact]
    public async Task Search_context_and_single_status_read_the_recorded_posts()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));

        var found = await api.SearchStatusesAsync("toot number", 3, Cancellation);
        var context = await api.GetContextAsync("110447003454258227", Cancellation);
        var status = await api.GetStatusAsync("110446223051565765", Cancellation);
        var resolved = await api.ResolveStatusAsync("https://icosahedron.website/users/halcy/statuses/110446222386355655", Cancellation);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Toot number {i}!"), found.Items.Select(item => item.Post.Text));
        Assert.True(found.IsComplete);
        Assert.Empty(context.Ancestors);
        Assert.Equal("@halcy@mastodon.social audio post, but remote", Assert.Single(context.Descendants).Post.Text);
        Assert.Equal("halcy@icosahedron.website", status!.Post.Author.Handle);
        Assert.Equal("110446223051565765", resolved!.Id);
        Assert.Null(await api.GetStatusAsync("1", Cancellation));
        Assert.Equal("image post", Assert.Single((await api.GetContextAsync("110447012773105565", Cancellation)).Ancestors).Post.Text);
    }

    [Fact]
    public async Task Notifications_resume_after_the_last_one_read()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));

        var newest = await api.GetNotificationsAfterAsync(null, MastodonNotification.InboxTypes, 1, Cancellation);
        var after = await api.GetNotificationsAfterAsync("541938956", null, 5, Cancellation);

        Assert.Equal(40, newest.Items.Count);
        Assert.All(newest.Items, notification => Assert.Equal("mention", notification.Type));
        Assert.Equal("116275331587890092", Assert.Single(newest.Items, notification => notification.Status is not null).Status!.Id);
        Assert.Contains("GET /api/v1/notifications?limit=80&types[]=mention&types[]=quote", server.Requests.Select(Uri.UnescapeDataString));
        Assert.Equal(newest.Items.Select(n => n.Id).Where(id => MastodonId.Compare(id, "541938956") > 0), after.Items.Select(n => n.Id));
        Assert.Equal(newest.Items.Select(n => n.Id).Order(Comparer<string>.Create(MastodonId.Compare)), newest.Items.Select(n => n.Id));
    }

    [Theory]
    [InlineData(500, "mastodon.social answered 500 while reading status 110446223051565765: the server failed (\"Something went wrong on our end\").")]
    [InlineData(422, "mastodon.social answered 422 while reading status 110446223051565765: the server refused the request (\"Something went wrong on our end\").")]
    public async Task Server_errors_become_clear_messages(int status, string message)
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));
        server.FailNext(status);

        var failure = await Assert.ThrowsAsync<MastodonApiException>(() => api.GetStatusAsync("110446223051565765", Cancellation));

        Assert.Equal(message, failure.Message);
        Assert.Equal((HttpStatusCode)status, failure.StatusCode);
    }

    [Fact]
    public async Task A_429_carries_the_wait_the_server_asked_for()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));
        server.FailNext(429, retryAfterSeconds: 7);

        var failure = await Assert.ThrowsAsync<MastodonApiException>(() => api.VerifyCredentialsAsync(Cancellation));

        Assert.True(failure.IsRateLimited);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.Contains("too many requests", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_hangs_is_given_up_after_the_request_timeout()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));
        server.HangNext();

        var failure = await Assert.ThrowsAsync<MastodonApiException>(() => api.VerifyCredentialsAsync(Cancellation));

        Assert.Equal("mastodon.social did not answer within 2 s while checking the access token.", failure.Message);
    }

    [Fact]
    public async Task A_server_address_on_loopback_is_refused_unless_allowed()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http(allowLoopback: false);
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));

        var failure = await Assert.ThrowsAsync<MastodonApiException>(() => api.VerifyCredentialsAsync(Cancellation));

        Assert.IsType<OutboundAddressRefusedException>(failure.InnerException!.InnerException);
        Assert.Contains("127.0.0.1, a private, local or reserved address, which PressDeck does not connect to", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_link_to_another_server_is_not_followed()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));

        var failure = await Assert.ThrowsAsync<MastodonApiException>(() => api.GetStatusPageAsync(new Uri("https://elsewhere.example/api/v1/timelines/public?max_id=1"), Cancellation));

        Assert.Contains("pointed to a page on another server (https://elsewhere.example)", failure.Message, StringComparison.Ordinal);
    }
}
