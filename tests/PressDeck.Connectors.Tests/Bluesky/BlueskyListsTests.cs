using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Net;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Bluesky;

[Trait("Issue", "7")]
public sealed class BlueskyListsTests
{
    private const string Handle = "pressoffice.bsky.social";
    private const string AppPassword = "abcd-efgh-ijkl-mnop";
    private const string OtherHandle = "newsdesk.example.com";

    private static readonly DateTimeOffset Morning = new(2026, 11, 27, 9, 30, 5, 123, TimeSpan.Zero);

    private static readonly string Did = FakeBlueskyPds.DidOf(Handle);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Own_lists_follow_the_cursor_across_pages_and_leave_out_moderation_lists_and_other_accounts_lists()
    {
        await using var pds = await StartAsync();
        for (var index = 0; index < 120; index++)
        {
            pds.SeedList(Handle, Key("3lka", index), "Reporters " + index.ToString(CultureInfo.InvariantCulture));
        }

        var detailed = pds.SeedList(Handle, "3lkzzzzzzzz2a", "Flood reporters", description: "Who covers the floods");
        pds.SeedListItem(detailed, "3lkitem00002a", "reporter.example.com");
        pds.SeedListItem(detailed, "3lkitem00003a", "editor.example.com");
        pds.SeedList(Handle, "3lkmod000002a", "Spam accounts", purpose: "app.bsky.graph.defs#modlist");
        pds.SeedList(OtherHandle, "3lkother0002a", "Their list");
        using var http = Http();

        var lists = await Lists(http).GetOwnListsAsync(Account(pds), Cancellation);

        Assert.Equal(121, lists.Count);
        Assert.Equal(121, lists.Select(list => list.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(lists, list => list.Name is "Spam accounts" or "Their list");
        var flood = Assert.Single(lists, list => list.Name == "Flood reporters");
        Assert.Equal($"at://{Did}/app.bsky.graph.list/3lkzzzzzzzz2a", flood.Id);
        Assert.Equal("Who covers the floods", flood.Description);
        Assert.Equal(Handle, flood.OwnerHandle);
        Assert.Equal(new Uri($"https://bsky.app/profile/{Handle}/lists/3lkzzzzzzzz2a"), flood.Url);
        Assert.Equal(2, flood.MemberCount);
        Assert.False(flood.IsPrivate);
        var requests = Requests(pds, "app.bsky.graph.getLists");
        Assert.Equal(2, requests.Count);
        Assert.Equal($"?actor={Uri.EscapeDataString(Did)}&limit=100&purposes=curatelist", requests[0].Query);
        Assert.EndsWith("&cursor=" + lists[99].Id[(lists[99].Id.LastIndexOf('/') + 1)..], requests[1].Query, StringComparison.Ordinal);
        Assert.All(requests, request => Assert.StartsWith("Bearer ", request.Header("Authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bsky_app_address_with_a_handle_finds_the_list_under_its_owners_did()
    {
        await using var pds = await StartAsync();
        var uri = pds.SeedList(OtherHandle, "3lkflood0002a", "Flood desk", description: "Journalists on the floods");
        pds.SeedListItem(uri, "3lkitem00002a", "reporter.example.com");
        using var http = Http();

        var list = await Lists(http).FindListAsync(Account(pds), $" https://bsky.app/profile/NewsDesk.Example.com/lists/3lkflood0002a/ ", Cancellation);

        Assert.NotNull(list);
        Assert.Equal($"at://{FakeBlueskyPds.DidOf(OtherHandle)}/app.bsky.graph.list/3lkflood0002a", list.Id);
        Assert.Equal("Flood desk", list.Name);
        Assert.Equal("Journalists on the floods", list.Description);
        Assert.Equal(OtherHandle, list.OwnerHandle);
        Assert.Equal(new Uri($"https://bsky.app/profile/{OtherHandle}/lists/3lkflood0002a"), list.Url);
        Assert.Equal(1, list.MemberCount);
        Assert.Equal("?handle=newsdesk.example.com", Assert.Single(Requests(pds, "com.atproto.identity.resolveHandle")).Query);
        Assert.Equal($"?list={Uri.EscapeDataString(list.Id)}&limit=1", Assert.Single(Requests(pds, "app.bsky.graph.getList")).Query);
    }

    [Fact]
    public async Task An_at_uri_finds_the_list_and_no_list_address_or_no_list_finds_nothing()
    {
        await using var pds = await StartAsync();
        var uri = pds.SeedList(OtherHandle, "3lkflood0002a", "Flood desk");
        var missing = $"at://{FakeBlueskyPds.DidOf(OtherHandle)}/app.bsky.graph.list/3lkgone00002a";
        using var http = Http();
        var lists = Lists(http);

        var found = await lists.FindListAsync(Account(pds), uri, Cancellation);
        var notAList = await lists.FindListAsync(Account(pds), $"at://{FakeBlueskyPds.DidOf(OtherHandle)}/app.bsky.feed.post/3lkflood0002a", Cancellation);
        var aPost = await lists.FindListAsync(Account(pds), $"https://bsky.app/profile/{OtherHandle}/post/3lkflood0002a", Cancellation);
        var anXList = await lists.FindListAsync(Account(pds), "https://x.com/i/lists/1234567890", Cancellation);
        var gone = await lists.FindListAsync(Account(pds), missing, Cancellation);
        var nobody = await lists.FindListAsync(Account(pds), "https://bsky.app/profile/nobody.example.com/lists/3lkflood0002a", Cancellation);
        pds.FailNext("app.bsky.graph.getList", 400, "UnknownList", "List not found");
        var unknown = await lists.FindListAsync(Account(pds), uri, Cancellation);

        Assert.Equal(uri, found?.Id);
        Assert.Null(notAList);
        Assert.Null(aPost);
        Assert.Null(anXList);
        Assert.Null(gone);
        Assert.Null(nobody);
        Assert.Null(unknown);
        Assert.Equal(3, Requests(pds, "app.bsky.graph.getList").Count);
    }

    [Fact]
    public async Task Members_follow_the_cursor_up_to_the_maximum_with_their_listitem_as_membership_id()
    {
        await using var pds = await StartAsync();
        var uri = pds.SeedList(OtherHandle, "3lkflood0002a", "Flood desk");
        for (var index = 0; index < 130; index++)
        {
            var number = index.ToString(CultureInfo.InvariantCulture);
            pds.SeedListItem(uri, Key("3lkm", index), $"reporter{number}.example.com", index == 0 ? null : "Reporter " + number);
        }

        using var http = Http();
        var lists = Lists(http);

        var all = await lists.GetMembersAsync(Account(pds), uri, 1_000, Cancellation);
        var first = await lists.GetMembersAsync(Account(pds), uri, 110, Cancellation);

        Assert.Equal(130, all.Count);
        var items = pds.ListItemsOf(uri).ToDictionary(item => item.Subject, item => item.Uri, StringComparer.Ordinal);
        Assert.All(all, member => Assert.Equal(items[member.RemoteId], member.MembershipId));
        var reporter5 = Assert.Single(all, member => member.Handle == "reporter5.example.com");
        Assert.Equal(FakeBlueskyPds.DidOf("reporter5.example.com"), reporter5.RemoteId);
        Assert.Equal("Reporter 5", reporter5.DisplayName);
        Assert.Equal("reporter0.example.com", Assert.Single(all, member => member.Handle == "reporter0.example.com").DisplayName);
        Assert.Equal(110, first.Count);
        Assert.Equal(all.Take(110).Select(member => member.RemoteId), first.Select(member => member.RemoteId));
        var requests = Requests(pds, "app.bsky.graph.getList");
        Assert.Equal(4, requests.Count);
        Assert.Equal($"?list={Uri.EscapeDataString(uri)}&limit=100", requests[0].Query);
        Assert.Contains("&limit=100&cursor=", requests[1].Query, StringComparison.Ordinal);
        Assert.Contains("&limit=10&cursor=", requests[3].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_is_created_an_account_added_twice_is_on_it_once_and_removing_it_deletes_its_listitem()
    {
        await using var pds = await StartAsync();
        var reporterDid = pds.SeedAccount("reporter.example.com", "Rhian Reporter");
        using var http = Http();
        var lists = Lists(http, new FakeTimeProvider(Morning));

        var list = await lists.CreateListAsync(Account(pds), "  Flood reporters ", "Who covers the floods", isPrivate: true, Cancellation);
        var member = await lists.ResolveAsync(Account(pds), "@Reporter.Example.COM", Cancellation);
        Assert.NotNull(member);
        await lists.AddMemberAsync(Account(pds), list.Id, member, Cancellation);
        await lists.AddMemberAsync(Account(pds), list.Id, member, Cancellation);
        var members = await lists.GetMembersAsync(Account(pds), list.Id, 100, Cancellation);
        await lists.RemoveMemberAsync(Account(pds), list.Id, Assert.Single(members), Cancellation);

        var sent = JsonNode.Parse(Requests(pds, "com.atproto.repo.createRecord")[0].BodyText)!.AsObject();
        Assert.Equal(Did, sent["repo"]!.GetValue<string>());
        Assert.Equal("app.bsky.graph.list", sent["collection"]!.GetValue<string>());
        Assert.Null(sent["rkey"]);
        Assert.Equal(
            """{"$type":"app.bsky.graph.list","purpose":"app.bsky.graph.defs#curatelist","name":"Flood reporters","description":"Who covers the floods","createdAt":"2026-11-27T09:30:05.123Z"}""",
            sent["record"]!.ToJsonString());
        Assert.True(AtUri.TryParse(list.Id, out var listUri));
        Assert.Equal(Did, listUri.Authority);
        Assert.Equal("Flood reporters", list.Name);
        Assert.Equal(Handle, list.OwnerHandle);
        Assert.Equal(new Uri($"https://bsky.app/profile/{Handle}/lists/{listUri.RecordKey}"), list.Url);
        Assert.False(list.IsPrivate);
        Assert.Equal(new RemoteListMember(reporterDid, "reporter.example.com", "reporter.example.com"), member);
        var itemRequests = Requests(pds, "com.atproto.repo.createRecord").Skip(1).ToList();
        var item = JsonNode.Parse(Assert.Single(itemRequests).BodyText)!.AsObject();
        Assert.Equal("app.bsky.graph.listitem", item["collection"]!.GetValue<string>());
        Assert.Equal(
            $$"""{"$type":"app.bsky.graph.listitem","subject":"{{reporterDid}}","list":"{{list.Id}}","createdAt":"2026-11-27T09:30:05.123Z"}""",
            item["record"]!.ToJsonString());
        Assert.Equal("Rhian Reporter", Assert.Single(members).DisplayName);
        var delete = JsonNode.Parse(Assert.Single(Requests(pds, "com.atproto.repo.deleteRecord")).BodyText)!;
        Assert.Equal("app.bsky.graph.listitem", delete["collection"]!.GetValue<string>());
        Assert.Equal(members[0].MembershipId, $"at://{Did}/app.bsky.graph.listitem/{delete["rkey"]!.GetValue<string>()}");
        Assert.Empty(pds.ListItemsOf(list.Id));
        Assert.DoesNotContain(pds.Records.Keys, key => key.Contains("/app.bsky.graph.listitem/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Removing_without_a_membership_id_finds_the_listitem_and_removing_one_not_on_the_list_succeeds()
    {
        await using var pds = await StartAsync();
        var uri = pds.SeedList(Handle, "3lkflood0002a", "Flood desk");
        for (var index = 0; index < 150; index++)
        {
            pds.SeedListItem(uri, Key("3lkm", index), $"reporter{index.ToString(CultureInfo.InvariantCulture)}.example.com");
        }

        var outsider = pds.SeedAccount("outsider.example.com");
        using var http = Http();
        var lists = Lists(http);

        await lists.RemoveMemberAsync(Account(pds), uri, new RemoteListMember(FakeBlueskyPds.DidOf("reporter3.example.com"), "reporter3.example.com", "Reporter 3"), Cancellation);
        await lists.RemoveMemberAsync(Account(pds), uri, new RemoteListMember(outsider, "outsider.example.com", "Outsider"), Cancellation);

        Assert.Equal(149, pds.ListItemsOf(uri).Count);
        Assert.DoesNotContain(pds.ListItemsOf(uri), item => item.Subject == FakeBlueskyPds.DidOf("reporter3.example.com"));
        var delete = JsonNode.Parse(Assert.Single(Requests(pds, "com.atproto.repo.deleteRecord")).BodyText)!;
        Assert.Equal(Key("3lkm", 3), delete["rkey"]!.GetValue<string>());
    }

    [Fact]
    public async Task Adding_to_another_accounts_list_or_to_a_moderation_list_is_refused_without_writing()
    {
        await using var pds = await StartAsync();
        var theirs = pds.SeedList(OtherHandle, "3lkflood0002a", "Their list");
        var moderation = pds.SeedList(Handle, "3lkmod000002a", "Spam accounts", purpose: "app.bsky.graph.defs#modlist");
        var member = new RemoteListMember(pds.SeedAccount("reporter.example.com"), "reporter.example.com", "Reporter");
        using var http = Http();
        var lists = Lists(http);

        var notOwner = await Assert.ThrowsAsync<NetworkListException>(() => lists.AddMemberAsync(Account(pds), theirs, member, Cancellation));
        var notCuration = await Assert.ThrowsAsync<NetworkListException>(() => lists.AddMemberAsync(Account(pds), moderation, member, Cancellation));

        Assert.Contains("only its owner", notOwner.Message, StringComparison.Ordinal);
        Assert.Contains("moderation list", notCuration.Message, StringComparison.Ordinal);
        Assert.Empty(Requests(pds, "com.atproto.repo.createRecord"));
    }

    [Theory]
    [InlineData(65, "a")]
    [InlineData(33, "é")]
    public async Task A_name_over_64_bytes_is_refused_before_anything_is_sent(int count, string letter)
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var name = string.Concat(Enumerable.Repeat(letter, count));

        var failure = await Assert.ThrowsAsync<NetworkListException>(() => Lists(http).CreateListAsync(Account(pds), name, "", isPrivate: false, Cancellation));

        Assert.Contains("too long for a Bluesky list name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("64", failure.Message, StringComparison.Ordinal);
        Assert.Empty(pds.RecordedRequests);
    }

    [Fact]
    public async Task A_name_of_exactly_64_bytes_is_created()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var name = new string('a', 62) + "é";

        var list = await Lists(http).CreateListAsync(Account(pds), name, "", isPrivate: false, Cancellation);

        Assert.Equal(name, list.Name);
        Assert.Null(JsonNode.Parse(Assert.Single(Requests(pds, "com.atproto.repo.createRecord")).BodyText)!["record"]!["description"]);
    }

    [Fact]
    public async Task A_rate_limit_is_a_list_error_in_blueskys_words_with_the_wait_it_asked_for()
    {
        await using var pds = await StartAsync();
        pds.RateLimitReset = Morning.AddSeconds(90).ToUnixTimeSeconds();
        pds.FailNext("app.bsky.graph.getLists", 429, "RateLimitExceeded", "Rate Limit Exceeded");
        using var http = Http();

        var failure = await Assert.ThrowsAsync<NetworkListException>(() => Lists(http, new FakeTimeProvider(Morning)).GetOwnListsAsync(Account(pds), Cancellation));

        Assert.Equal($"Bluesky asked PressDeck to slow down while reading the lists of @{Handle} (429 RateLimitExceeded: Rate Limit Exceeded).", failure.Message);
        Assert.Equal(TimeSpan.FromSeconds(89.877), failure.RetryAfter);
    }

    [Fact]
    public async Task An_unknown_list_is_a_list_error_in_blueskys_words_when_reading_its_members()
    {
        await using var pds = await StartAsync();
        var uri = pds.SeedList(OtherHandle, "3lkflood0002a", "Flood desk");
        pds.FailNext("app.bsky.graph.getList", 400, "UnknownList", "The list has been taken down");
        using var http = Http();

        var failure = await Assert.ThrowsAsync<NetworkListException>(() => Lists(http).GetMembersAsync(Account(pds), uri, 100, Cancellation));

        Assert.Contains(uri, failure.Message, StringComparison.Ordinal);
        Assert.Contains("400 UnknownList: The list has been taken down", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.RetryAfter);
    }

    [Fact]
    public async Task A_refused_record_is_a_list_error_in_blueskys_words()
    {
        await using var pds = await StartAsync();
        pds.FailNext("com.atproto.repo.createRecord", 400, "InvalidRequest", "Invalid app.bsky.graph.list record: Record/description must not be longer than 300 graphemes");
        using var http = Http();

        var failure = await Assert.ThrowsAsync<NetworkListException>(() => Lists(http).CreateListAsync(Account(pds), "Flood desk", "Desk", isPrivate: false, Cancellation));

        Assert.Equal(
            "Bluesky refused creating the list \"Flood desk\" (400 InvalidRequest: Invalid app.bsky.graph.list record: Record/description must not be longer than 300 graphemes).",
            failure.Message);
    }

    [Fact]
    public async Task An_expired_session_is_refreshed_and_the_read_sent_again()
    {
        await using var pds = await StartAsync();
        var uri = pds.SeedList(OtherHandle, "3lkflood0002a", "Flood desk");
        using var http = Http();
        var lists = Lists(http);
        await lists.FindListAsync(Account(pds), uri, Cancellation);
        pds.ExpireAccessTokens();

        var list = await lists.FindListAsync(Account(pds), uri, Cancellation);

        Assert.Equal(uri, list?.Id);
        Assert.Single(Requests(pds, "com.atproto.server.createSession"));
        Assert.Single(Requests(pds, "com.atproto.server.refreshSession"));
        Assert.Equal(3, Requests(pds, "app.bsky.graph.getList").Count);
    }

    [Fact]
    public async Task A_handle_that_does_not_resolve_is_no_account()
    {
        await using var pds = await StartAsync();
        using var http = Http();

        var nobody = await Lists(http).ResolveAsync(Account(pds), "nobody.example.com", Cancellation);
        var notAHandle = await Lists(http).ResolveAsync(Account(pds), "not a handle", Cancellation);

        Assert.Null(nobody);
        Assert.Null(notAHandle);
        Assert.Single(Requests(pds, "com.atproto.identity.resolveHandle"));
    }

    [Fact]
    public async Task A_resolved_handle_takes_the_name_its_members_read_already_taught()
    {
        await using var pds = await StartAsync();
        var uri = pds.SeedList(OtherHandle, "3lkflood0002a", "Flood desk");
        pds.SeedListItem(uri, "3lkitem00002a", "reporter.example.com", "Rhian Reporter");
        var handles = new BlueskyHandleCache();
        using var http = Http();
        var lists = new BlueskyLists(http, TimeProvider.System, NullLogger<BlueskyLists>.Instance, handles: handles);
        await lists.GetMembersAsync(Account(pds), uri, 100, Cancellation);

        var member = await lists.ResolveAsync(Account(pds), "reporter.example.com", Cancellation);

        Assert.Equal(new RemoteListMember(FakeBlueskyPds.DidOf("reporter.example.com"), "reporter.example.com", "Rhian Reporter"), member);
        Assert.Equal("reporter.example.com", handles.Find(FakeBlueskyPds.DidOf("reporter.example.com")));
    }

    private static async Task<FakeBlueskyPds> StartAsync()
    {
        var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts[Handle] = AppPassword;
        return pds;
    }

    private static HttpClient Http()
    {
        var outbound = new OutboundHttpOptions();
        outbound.AllowedPrivateHosts.Add("127.0.0.1");
        return new HttpClient(OutboundHttp.CreateHandler(outbound)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static BlueskyLists Lists(HttpClient http, TimeProvider? time = null) =>
        new(http, time ?? TimeProvider.System, NullLogger<BlueskyLists>.Instance);

    private static PublishingAccount Account(FakeBlueskyPds pds) => new(Network.Bluesky, pds.Url, Handle, Did, AppPassword);

    /// <summary>A record key that sorts with its number: the prefix and the number in 9 digits.</summary>
    private static string Key(string prefix, int number) => prefix + number.ToString("000000000", CultureInfo.InvariantCulture);

    private static List<RecordedHttpRequest> Requests(FakeBlueskyPds pds, string method) =>
        [.. pds.RecordedRequests.Where(request => request.Path == "/xrpc/" + method)];
}
