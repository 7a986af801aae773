using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.Mastodon;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Mastodon;

[Trait("Issue", "7")]
public sealed class MastodonListsTests
{
    private const string RecordedListId = "85";

    private static readonly DateTimeOffset Morning = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_accounts_own_lists_are_private_with_their_web_address_and_owner()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();

        var lists = await Lists(http).GetOwnListsAsync(Account(server), Cancellation);

        var list = Assert.Single(lists);
        Assert.Equal(new RemoteList(RecordedListId, "testlist", "", "mastodonpy_test@localhost", new Uri(server.Url, "/lists/85"), null, IsPrivate: true), list);
        var request = Assert.Single(server.RecordedRequests);
        Assert.Equal(("GET", "/api/v1/lists"), (request.Method, request.Path));
        Assert.Equal("Bearer " + FakeMastodonServer.Token, request.Header("Authorization"));
    }

    [Fact]
    public async Task A_list_is_found_by_its_id_or_its_address_on_the_accounts_own_server_and_not_elsewhere()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var lists = Lists(http);
        var account = Account(server);

        var byId = await lists.FindListAsync(account, RecordedListId, Cancellation);
        var byAddress = await lists.FindListAsync(account, $" {new Uri(server.Url, "/lists/85")} ", Cancellation);
        var byWebAppAddress = await lists.FindListAsync(account, new Uri(server.Url, "/web/lists/85").ToString(), Cancellation);
        var requestsSoFar = server.RecordedRequests.Count;
        var otherServer = await lists.FindListAsync(account, "https://mastodon.social/lists/85", Cancellation);
        var notAList = await lists.FindListAsync(account, new Uri(server.Url, "/@halcy/85").ToString(), Cancellation);
        var blueskyAddress = await lists.FindListAsync(account, "https://bsky.app/profile/alice.bsky.social/lists/3kabc", Cancellation);
        var requestsForOthers = server.RecordedRequests.Count - requestsSoFar;
        var missing = await lists.FindListAsync(account, "4040", Cancellation);

        Assert.Equal("testlist", byId!.Name);
        Assert.Equal(new Uri(server.Url, "/lists/85"), byId.Url);
        Assert.Equal(byId, byAddress);
        Assert.Equal(byId, byWebAppAddress);
        Assert.Null(otherServer);
        Assert.Null(notAList);
        Assert.Null(blueskyAddress);
        Assert.Equal(0, requestsForOthers);
        Assert.Null(missing);
        Assert.Equal(["/api/v1/lists/85", "/api/v1/lists/85", "/api/v1/lists/85", "/api/v1/lists/4040"], server.RecordedRequests.Select(request => request.Path));
    }

    [Fact]
    public async Task Members_are_read_across_pages_by_the_link_header_with_the_handles_the_archive_gives_their_posts()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.ListAccountsPageSize = 3;
        server.PutOnList(RecordedListId, "43", "23972", "117020565693913441", "117020565966271181");
        using var http = MastodonTestClients.Http();
        var account = Account(server);

        var members = await Lists(http).GetMembersAsync(account, RecordedListId, 100, Cancellation);

        Assert.Equal(["117020565966271181", "117020565693913441", "23972", "43"], members.Select(member => member.RemoteId));
        Assert.Equal(["mastodonpy_test@127.0.0.1", "admin@127.0.0.1", "halcy@icosahedron.website", "halcy@127.0.0.1"], members.Select(member => member.Handle));
        Assert.Equal(["John Lennon", "admin", "halcy\u200b :icosahedron:", "autumnal halcy"], members.Select(member => member.DisplayName));
        Assert.All(members, member => Assert.Null(member.MembershipId));
        var pages = server.RecordedRequests.Where(request => request.Path == "/api/v1/lists/85/accounts").ToList();
        Assert.Equal(2, pages.Count);
        Assert.Equal("?limit=80", pages[0].Query);
        Assert.Matches("^\\?limit=3&max_id=[0-9]+$", pages[1].Query);

        // The archive's author of a post by the local member, read from the same server as the publishing account is.
        var status = FakeMastodonServer.StatusLike(117_500_000_000_000_009, "Statement on the flood defences.");
        Assert.True(MastodonStatusReader.TryRead(Encoding.UTF8.GetBytes(status), account.Server.IdnHost, out var archived, out _));
        Assert.Contains(members, member => string.Equals(member.Handle, archived.Post.Author.Handle, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Reading_members_stops_at_the_maximum()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.ListAccountsPageSize = 3;
        server.PutOnList(RecordedListId, "43", "23972", "117020565693913441", "117020565966271181");
        using var http = MastodonTestClients.Http();

        var members = await Lists(http).GetMembersAsync(Account(server), RecordedListId, 2, Cancellation);

        Assert.Equal(["117020565966271181", "117020565693913441"], members.Select(member => member.RemoteId));
        Assert.Single(server.RecordedRequests);
    }

    [Fact]
    public async Task A_list_is_created_then_a_member_followed_and_added_then_removed_leaving_the_follow()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var lists = Lists(http);
        var account = Account(server);

        var created = await lists.CreateListAsync(account, " Flood press contacts ", "Journalists covering the floods", isPrivate: false, Cancellation);
        var member = await lists.ResolveAsync(account, "@halcy@icosahedron.website", Cancellation);
        await lists.AddMemberAsync(account, created.Id, member!, Cancellation);

        Assert.Equal(new RemoteList(created.Id, "Flood press contacts", "", "mastodonpy_test@localhost", new Uri(server.Url, "/lists/" + created.Id), 0, IsPrivate: true), created);
        Assert.Contains(server.Lists, list => (string?)list["id"] == created.Id && (string?)list["title"] == "Flood press contacts");
        KeyValuePair<string, string>[] listFields = [new("title", "Flood press contacts"), new("replies_policy", "list"), new("exclusive", "false")];
        Assert.Equal(listFields, Assert.Single(server.RecordedRequests, request => request.Method == "POST" && request.Path == "/api/v1/lists").FormFields());
        Assert.Equal(new RemoteListMember("23972", "halcy@icosahedron.website", "halcy\u200b :icosahedron:"), member);
        Assert.Equal("?acct=halcy%40icosahedron.website", Assert.Single(server.RecordedRequests, request => request.Path == "/api/v1/accounts/lookup").Query);
        Assert.Equal(
            ["POST /api/v1/accounts/23972/follow", $"POST /api/v1/lists/{created.Id}/accounts"],
            server.RecordedRequests.Where(request => request.Method == "POST" && request.Path != "/api/v1/lists").Select(request => $"{request.Method} {request.Path}"));
        KeyValuePair<string, string>[] memberFields = [new("account_ids[]", "23972")];
        Assert.Equal(memberFields, server.RecordedRequests.Last().FormFields());
        Assert.Equal(["23972"], server.ListMembers(created.Id));

        // Mastodon refuses a second add with 422 in the account's language; the list itself says the account is on it.
        server.AlreadyOnListError = "Validierung fehlgeschlagen: Konto ist bereits vergeben";
        await lists.AddMemberAsync(account, created.Id, member!, Cancellation);
        Assert.Equal(["23972"], server.ListMembers(created.Id));
        Assert.Equal("/api/v1/accounts/23972/lists", server.RecordedRequests.Last().Path);

        await lists.RemoveMemberAsync(account, created.Id, member!, Cancellation);
        await lists.RemoveMemberAsync(account, created.Id, member!, Cancellation);

        var removals = server.RecordedRequests.Where(request => request.Method == "DELETE").ToList();
        Assert.Equal(2, removals.Count);
        Assert.All(removals, removal => Assert.Equal($"/api/v1/lists/{created.Id}/accounts", removal.Path));
        Assert.All(removals, removal => Assert.Equal(memberFields, removal.FormFields()));
        Assert.Empty(server.ListMembers(created.Id));
        Assert.Contains("23972", server.Followed);
        Assert.Empty(await lists.GetMembersAsync(account, created.Id, 10, Cancellation));
    }

    [Fact]
    public async Task An_unknown_handle_resolves_to_nothing()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();

        Assert.Null(await Lists(http).ResolveAsync(Account(server), "nobody@nowhere.example", Cancellation));
    }

    [Fact]
    public async Task A_refusal_of_the_list_add_other_than_already_a_member_fails_with_the_servers_words()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var lists = Lists(http);
        var account = Account(server);
        var member = new RemoteListMember("43", "halcy@127.0.0.1", "autumnal halcy");

        // The follow is answered, the add refused; 43 is not on the list, so the 422 is not taken as success.
        server.AnswerNext(200, "{\"id\":\"43\",\"following\":true}");
        server.AnswerNext(422, "{\"error\":\"Validation failed: List is full\"}");
        var failure = await Assert.ThrowsAsync<NetworkListException>(() => lists.AddMemberAsync(account, RecordedListId, member, Cancellation));

        Assert.Contains("putting @halcy@127.0.0.1 on list 85", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Validation failed: List is full", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.RetryAfter);
    }

    [Fact]
    public async Task A_revoked_token_fails_with_the_servers_words()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var account = Account(server) with { Secret = "revoked-token" };

        var failure = await Assert.ThrowsAsync<NetworkListException>(() => Lists(http).GetOwnListsAsync(account, Cancellation));

        Assert.Contains("401", failure.Message, StringComparison.Ordinal);
        Assert.Contains("reading the account's lists", failure.Message, StringComparison.Ordinal);
        Assert.Contains("The access token is invalid", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-token", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.RetryAfter);
    }

    [Fact]
    public async Task A_rate_limit_fails_with_the_wait_the_server_asked_for_on_reads_and_writes()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.RateLimitReset = Morning.AddSeconds(90);
        using var http = MastodonTestClients.Http();
        var lists = Lists(http, new FakeTimeProvider(Morning));
        var account = Account(server);

        server.FailNext(429);
        var write = await Assert.ThrowsAsync<NetworkListException>(() => lists.CreateListAsync(account, "Flood press contacts", "", isPrivate: true, Cancellation));
        server.FailNext(429, retryAfterSeconds: 30);
        var read = await Assert.ThrowsAsync<NetworkListException>(() => lists.GetMembersAsync(account, RecordedListId, 10, Cancellation));

        Assert.Equal(TimeSpan.FromSeconds(90), write.RetryAfter);
        Assert.Contains("429", write.Message, StringComparison.Ordinal);
        Assert.Contains("creating the list \"Flood press contacts\"", write.Message, StringComparison.Ordinal);
        Assert.Contains("Too many requests", write.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), read.RetryAfter);
        Assert.Contains("reading the members of list 85", read.Message, StringComparison.Ordinal);
        Assert.Contains("Too many requests", read.Message, StringComparison.Ordinal);
        Assert.Single(server.Lists);
    }

    private static MastodonLists Lists(HttpClient http, TimeProvider? time = null) =>
        new(http, time ?? TimeProvider.System, NullLogger<MastodonLists>.Instance, new MastodonPublishingOptions { RequestTimeout = TimeSpan.FromSeconds(5) });

    private static PublishingAccount Account(FakeMastodonServer server) =>
        new(Network.Mastodon, server.Url, "mastodonpy_test@localhost", "117020565966271181", FakeMastodonServer.Token);
}
