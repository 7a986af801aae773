using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.X;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.X;

[Trait("Issue", "7")]
public sealed class XListsTests
{
    private const string DocumentedListId = "1355797419175383040";

    private static readonly PublishingAccount Office = new(Network.X, new Uri("https://api.x.com"), FakeXServer.OfficeUsername, FakeXServer.OfficeUserId, FakeXServer.UserToken);

    /// <summary>The account whose lists users_owned_lists.json recorded.</summary>
    private static readonly PublishingAccount RecordedOwner = new(Network.X, new Uri("https://api.x.com"), "Twitter", FakeXServer.RecordedListOwnerId, FakeXServer.UserToken);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_accounts_own_lists_are_read_page_by_page_with_their_fields()
    {
        await using var server = await FakeXServer.StartAsync();
        server.ListPageSize = 5;

        var lists = await Lists(server).GetOwnListsAsync(RecordedOwner, Cancellation);

        var recorded = JsonNode.Parse(FakeXServer.RecordedBody("x/users_owned_lists.json"))!["data"]!.AsArray();
        Assert.Equal(recorded.Select(list => ((string)list!["id"]!, (string)list["name"]!)), lists.Select(list => (list.Id, list.Name)));
        Assert.All(lists, list => Assert.Equal(("twitter", new Uri("https://x.com/i/lists/" + list.Id), false, ""), (list.OwnerHandle, list.Url, list.IsPrivate, list.Description)));
        Assert.Equal(100, Assert.Single(lists, list => list.Id == FakeXServer.RecordedListId).MemberCount);
        var pages = server.Recorded.Select(request => request.PathAndQuery).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, page => Assert.StartsWith($"/2/users/{FakeXServer.RecordedListOwnerId}/owned_lists?list.fields=created_at,description,member_count,owner_id,private&max_results=100", page, StringComparison.Ordinal));
        Assert.DoesNotContain("pagination_token", pages[0], StringComparison.Ordinal);
        Assert.EndsWith("&pagination_token=pd75", pages[1], StringComparison.Ordinal);
        Assert.EndsWith("&pagination_token=pd710", pages[2], StringComparison.Ordinal);
        Assert.All(server.Tokens, token => Assert.Equal(FakeXServer.UserToken, token));
    }

    [Theory]
    [InlineData("https://x.com/i/lists/84839422")]
    [InlineData("https://twitter.com/i/lists/84839422")]
    [InlineData("https://mobile.twitter.com/i/lists/84839422/members")]
    [InlineData(" 84839422 ")]
    public async Task A_list_is_found_by_its_address_or_its_id(string addressOrId)
    {
        await using var server = await FakeXServer.StartAsync();

        var list = await Lists(server).FindListAsync(Office, addressOrId, Cancellation);

        Assert.Equal(new RemoteList(FakeXServer.RecordedListId, "Official Twitter Accounts", "", "twitter", new Uri("https://x.com/i/lists/84839422"), 100, false), list);
        Assert.StartsWith("/2/lists/84839422?list.fields=", Assert.Single(server.Recorded).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyones_public_list_is_found_with_its_owner_and_a_missing_list_or_other_address_is_null()
    {
        await using var server = await FakeXServer.StartAsync();
        var lists = Lists(server);

        var documented = await lists.FindListAsync(Office, "https://x.com/i/lists/" + DocumentedListId, Cancellation);
        var missing = await lists.FindListAsync(Office, "https://x.com/i/lists/1", Cancellation);
        var requests = server.Recorded.Count;
        var profile = await lists.FindListAsync(Office, "https://x.com/TweepyDev", Cancellation);
        var bluesky = await lists.FindListAsync(Office, "https://bsky.app/profile/alice.bsky.social/lists/3kabc", Cancellation);
        var elsewhere = await lists.FindListAsync(Office, "https://example.com/i/lists/84839422", Cancellation);

        Assert.Equal(new RemoteList(DocumentedListId, "Twitter Comms", "", "shleighhay", new Uri("https://x.com/i/lists/" + DocumentedListId), 60, false), documented);
        Assert.Null(missing);
        Assert.Null(profile);
        Assert.Null(bluesky);
        Assert.Null(elsewhere);
        Assert.Equal(requests, server.Recorded.Count);
    }

    [Fact]
    public async Task Members_are_read_across_two_pages_with_lower_case_usernames()
    {
        await using var server = await FakeXServer.StartAsync();
        server.ListPageSize = 60;

        var members = await Lists(server).GetMembersAsync(Office, FakeXServer.RecordedListId, 1000, Cancellation);

        var recorded = JsonNode.Parse(FakeXServer.RecordedBody("x/list_members.json"))!["data"]!.AsArray();
        Assert.Equal(
            recorded.Select(user => new RemoteListMember((string)user!["id"]!, ((string)user["username"]!).ToLowerInvariant(), (string)user["name"]!)),
            members);
        Assert.Contains(new RemoteListMember("1244731491088809984", "twitterthailand", "Twitter Thailand"), members);
        var pages = server.Recorded.Select(request => request.PathAndQuery).ToList();
        Assert.Equal(["/2/lists/84839422/members?max_results=100&user.fields=username", "/2/lists/84839422/members?max_results=100&user.fields=username&pagination_token=pd760"], pages);
    }

    [Fact]
    public async Task Reading_members_stops_at_the_maximum()
    {
        await using var server = await FakeXServer.StartAsync();
        server.ListPageSize = 60;

        var members = await Lists(server).GetMembersAsync(Office, FakeXServer.RecordedListId, 50, Cancellation);

        Assert.Equal(50, members.Count);
        Assert.Single(server.Recorded);
    }

    [Fact]
    public async Task A_list_is_created_then_a_member_added_and_removed()
    {
        await using var server = await FakeXServer.StartAsync();
        var lists = Lists(server);
        var description = "Journalists and editors covering the Severn valley floods, the council's response and the clean-up in the weeks after.";

        var created = await lists.CreateListAsync(Office, " Flood contacts ", description, isPrivate: true, Cancellation);
        var member = await lists.ResolveAsync(Office, "@TwitterThailand", Cancellation);
        await lists.AddMemberAsync(Office, created.Id, member!, Cancellation);
        await lists.AddMemberAsync(Office, created.Id, member!, Cancellation);
        var afterAdding = server.ListMembers(created.Id);
        await lists.RemoveMemberAsync(Office, created.Id, member!, Cancellation);
        await lists.RemoveMemberAsync(Office, created.Id, member!, Cancellation);

        var cut = "Journalists and editors covering the Severn valley floods, the council's response and the clean-up…";
        Assert.InRange(cut.Length, 90, XLists.MaxDescriptionLength);
        Assert.Equal(new RemoteList(created.Id, "Flood contacts", cut, "tweepydev", new Uri("https://x.com/i/lists/" + created.Id), 0, true), created);
        var stored = Assert.Single(server.Lists, list => (string?)list["id"] == created.Id);
        Assert.Equal(("Flood contacts", cut, true, FakeXServer.OfficeUserId), ((string?)stored["name"], (string?)stored["description"], (bool?)stored["private"], (string?)stored["owner_id"]));
        var create = Assert.Single(server.Recorded, request => request.Method == "POST" && request.Path == "/2/lists");
        Assert.Equal("application/json", create.Headers["Content-Type"]);
        Assert.Equal(JsonNode.Parse($$"""{"name":"Flood contacts","description":"{{cut}}","private":true}""")!.ToJsonString(), JsonNode.Parse(create.BodyText)!.ToJsonString());
        Assert.Equal(new RemoteListMember("1244731491088809984", "twitterthailand", "Twitter Thailand"), member);
        Assert.Equal("/2/users/by/username/TwitterThailand", Assert.Single(server.Recorded, request => request.Path.StartsWith("/2/users/by/", StringComparison.Ordinal)).PathAndQuery);
        var adds = server.Recorded.Where(request => request.Path == $"/2/lists/{created.Id}/members").ToList();
        Assert.Equal(2, adds.Count);
        Assert.All(adds, add => Assert.Equal(("POST", """{"user_id":"1244731491088809984"}"""), (add.Method, add.BodyText)));
        Assert.Equal(["1244731491088809984"], afterAdding);
        Assert.Equal(2, server.Recorded.Count(request => request.Method == "DELETE" && request.Path == $"/2/lists/{created.Id}/members/1244731491088809984"));
        Assert.Empty(server.ListMembers(created.Id));
        Assert.All(server.Tokens, token => Assert.Equal(FakeXServer.UserToken, token));
    }

    [Fact]
    public async Task A_name_longer_than_x_takes_is_refused_before_anything_is_sent()
    {
        await using var server = await FakeXServer.StartAsync();

        var failure = await Assert.ThrowsAsync<NetworkListException>(() => Lists(server).CreateListAsync(Office, "Severn valley flood contacts", "", isPrivate: false, Cancellation));

        Assert.Contains("\"Severn valley flood contacts\" is 28 characters long", failure.Message, StringComparison.Ordinal);
        Assert.Contains("at most 25 characters", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Recorded);
    }

    [Fact]
    public async Task An_unknown_username_resolves_to_nothing()
    {
        await using var server = await FakeXServer.StartAsync();
        var lists = Lists(server);

        Assert.Null(await lists.ResolveAsync(Office, "nobody_here_x", Cancellation));
        Assert.Null(await lists.ResolveAsync(Office, "not a username", Cancellation));
        Assert.Single(server.Recorded);
    }

    [Fact]
    public async Task A_rate_limit_fails_with_xs_words_and_the_wait_until_its_reset()
    {
        await using var server = await FakeXServer.StartAsync();
        server.FailNext(429, resetEpochSeconds: _time.GetUtcNow().AddSeconds(120).ToUnixTimeSeconds());

        var failure = await Assert.ThrowsAsync<NetworkListException>(() => Lists(server).GetOwnListsAsync(Office, Cancellation));

        Assert.Equal(TimeSpan.FromSeconds(120), failure.RetryAfter);
        Assert.Contains("reading the lists of @tweepydev", failure.Message, StringComparison.Ordinal);
        Assert.Contains("429", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Rate limit exceeded", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_fails_with_xs_words_and_is_not_shown()
    {
        await using var server = await FakeXServer.StartAsync();
        var account = Office with { Secret = "revoked-user-token" };

        var failure = await Assert.ThrowsAsync<NetworkListException>(() => Lists(server).AddMemberAsync(account, "84839422", new RemoteListMember("1244731491088809984", "twitterthailand", "Twitter Thailand"), Cancellation));

        Assert.Contains("putting @twitterthailand on list 84839422", failure.Message, StringComparison.Ordinal);
        Assert.Contains("401", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Unauthorized", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-user-token", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.RetryAfter);
    }

    [Fact]
    public async Task Adding_to_someone_elses_list_fails_with_xs_words()
    {
        await using var server = await FakeXServer.StartAsync();

        var failure = await Assert.ThrowsAsync<NetworkListException>(() => Lists(server).AddMemberAsync(Office, FakeXServer.RecordedListId, new RemoteListMember("1244731491088809984", "twitterthailand", "Twitter Thailand"), Cancellation));

        Assert.Contains("403", failure.Message, StringComparison.Ordinal);
        Assert.Contains("You are not allowed to add members to this List.", failure.Message, StringComparison.Ordinal);
    }

    private XLists Lists(FakeXServer server) =>
        new(new HttpClient(), Options.Create(new XOptions { ApiUrl = server.Url, RequestTimeout = TimeSpan.FromSeconds(10) }), _time);
}
