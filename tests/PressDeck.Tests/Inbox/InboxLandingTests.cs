using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Accounts;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Inbox;
using PressDeck.Monitoring.Ingest;
using PressDeck.Testing;
using PressDeck.Tests.Team;

namespace PressDeck.Tests.Inbox;

/// <summary>
/// Issue 7, the inbox: mentions, replies and quotes of the office's accounts on each network, as the networks send them
/// (the recorded payloads, served by the fake servers), land in the inbox once each, assigned to nobody.
/// </summary>
[Trait("Issue", "7")]
public sealed class InboxLandingTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bluesky_mentions_replies_and_quotes_land_once_assigned_to_nobody()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts["pressoffice.bsky.social"] = "abcd-efgh-ijkl-mnop";
        var golden = SharedFixtures.Lines("bluesky/jetstream_golden_v1.jsonl");
        var mixed = SharedFixtures.Lines("bluesky/jetstream_mixed_sample.jsonl");
        // Recorded posts: a reply (with its reply references), a post with mention facets, and a recorded post whose embed
        // is made a record embed of the office's post (no quote was recorded; the shape is the lexicon's).
        var reply = RecordOf(golden[1]);
        var mention = RecordOf(mixed[6]);
        var quote = RecordOf(mixed[1]);
        quote["embed"] = new JsonObject
        {
            ["$type"] = "app.bsky.embed.record",
            ["record"] = new JsonObject { ["uri"] = "at://did:plc:pressofficepressoffice/app.bsky.feed.post/3lofficepost", ["cid"] = "bafyreioffice" },
        };
        pds.NotificationRecords[Morning] = mention.ToJsonString();
        pds.NotificationRecords[Morning.AddMinutes(1)] = reply.ToJsonString();
        pds.NotificationRecords[Morning.AddMinutes(2)] = quote.ToJsonString();
        lock (pds.Notifications)
        {
            pds.Notifications.Add(("mention", "", Morning));
            pds.Notifications.Add(("reply", "", Morning.AddMinutes(1)));
            pds.Notifications.Add(("quote", "", Morning.AddMinutes(2)));
            pds.Notifications.Add(("like", "", Morning.AddMinutes(3)));
        }

        await using var app = await StartAsync();
        await ConnectAsync(app, new ConnectAccountForm { Network = Network.Bluesky, ServerUrl = pds.Url.ToString(), Identifier = "pressoffice.bsky.social", Secret = "abcd-efgh-ijkl-mnop" });

        var items = await WaitForItemsAsync(app, Network.Bluesky, 3);

        Assert.Equal([InboxItemKind.Mention, InboxItemKind.Reply, InboxItemKind.Quote], items.Select(i => i.Kind).Order());
        AssertNewAndNobodys(items, "pressoffice.bsky.social");
        Assert.Contains(items, i => i.Kind == InboxItemKind.Reply && i.Text == "Try RSV for a good time !!");
        await AssertLandsOnceAsync(app, Network.Bluesky, items);
    }

    [Fact]
    public async Task Mastodon_mentions_replies_and_quotes_land_once_assigned_to_nobody()
    {
        await using var mastodon = await FakeMastodonServer.StartAsync();
        // The recorded notifications (one still has its status); a reply and a quote made from that recorded status.
        var recorded = mastodon.RecordedNotifications.Select(json => JsonNode.Parse(json)!.AsObject()).First(n => n["status"] is JsonObject);
        var status = recorded["status"]!.AsObject();
        var reply = Derived(recorded, "550622701", "reply");
        reply["status"]!["in_reply_to_id"] = "113000000000000001";
        reply["status"]!["in_reply_to_account_id"] = "1";
        var quote = Derived(recorded, "550622702", "quote");
        quote["type"] = "quote";
        quote["status"]!["quote"] = new JsonObject
        {
            ["state"] = "accepted",
            ["quoted_status"] = new JsonObject { ["id"] = "113000000000000002", ["uri"] = "https://mastodon.social/users/pressoffice/statuses/113000000000000002" },
        };
        mastodon.Notify(reply.ToJsonString());
        mastodon.Notify(quote.ToJsonString());

        await using var app = await StartAsync();
        await ConnectAsync(app, new ConnectAccountForm { Network = Network.Mastodon, ServerUrl = mastodon.Url.ToString(), Secret = FakeMastodonServer.Token });

        var items = await WaitForItemsAsync(app, Network.Mastodon, 3);

        Assert.Equal([InboxItemKind.Mention, InboxItemKind.Reply, InboxItemKind.Quote], items.Select(i => i.Kind).Order());
        Assert.Contains(items, i => i.RemoteId == status["uri"]!.GetValue<string>() && i.Kind == InboxItemKind.Mention);
        string office;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            office = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().ConnectedAccounts.SingleAsync(Cancel)).Handle;
        }

        AssertNewAndNobodys(items, office);
        await AssertLandsOnceAsync(app, Network.Mastodon, items);
    }

    [Fact]
    public async Task X_mentions_replies_and_quotes_land_once_assigned_to_nobody()
    {
        await using var x = await FakeXServer.StartAsync();
        // Recorded posts with their authors: the recent-search page (mentions), the documentation's reply, and one of the
        // recorded posts made a quote of the office's post (no quote was recorded; the shape is the API's).
        var search = JsonNode.Parse(await File.ReadAllTextAsync(SharedFixtures.PathOf("x/docs_examples/search_recent_with_expansions.json"), Cancel))!.AsObject();
        var replied = JsonNode.Parse(await File.ReadAllTextAsync(SharedFixtures.PathOf("x/docs_examples/data_dictionary_tweet_reply_with_includes.json"), Cancel))!.AsObject();
        var data = search["data"]!.AsArray();
        var quote = data[2]!.DeepClone().AsObject();
        quote["id"] = "1271111223220809999";
        quote["referenced_tweets"] = new JsonArray(new JsonObject { ["type"] = "quoted", ["id"] = "1072250532645998000" });
        data.RemoveAt(2);
        data.Add(replied["data"]![0]!.DeepClone());
        data.Add(quote);
        foreach (var user in replied["includes"]?["users"]?.AsArray() ?? [])
        {
            search["includes"]!["users"]!.AsArray().Add(user!.DeepClone());
        }

        x.MentionsBody = search.ToJsonString();
        await using var app = await StartAsync();
        await ConnectAsync(app, new ConnectAccountForm { Network = Network.X, ServerUrl = x.Url.ToString(), Secret = FakeXServer.UserToken });

        var items = await WaitForItemsAsync(app, Network.X, 4);

        Assert.Equal([InboxItemKind.Mention, InboxItemKind.Mention, InboxItemKind.Reply, InboxItemKind.Quote], items.Select(i => i.Kind).Order());
        AssertNewAndNobodys(items, "TweepyDev");
        Assert.All(items, i => Assert.StartsWith("https://x.com/", i.Url, StringComparison.Ordinal));
        await AssertLandsOnceAsync(app, Network.X, items);
    }

    private static JsonObject RecordOf(string jetstreamLine) => JsonNode.Parse(jetstreamLine)!["commit"]!["record"]!.DeepClone().AsObject();

    private static JsonObject Derived(JsonObject recorded, string id, string suffix)
    {
        var copy = recorded.DeepClone().AsObject();
        copy["id"] = id;
        var status = copy["status"]!.AsObject();
        status["id"] = status["id"]!.GetValue<string>() + suffix.Length;
        status["uri"] = status["uri"]!.GetValue<string>() + "-" + suffix;
        status["url"] = status["url"]!.GetValue<string>() + "-" + suffix;
        return copy;
    }

    private static void AssertNewAndNobodys(IReadOnlyList<InboxItem> items, string office) => Assert.All(items, item =>
    {
        Assert.Equal(InboxStatus.New, item.Status);
        Assert.Null(item.AssignedUserId);
        Assert.Null(item.DeskId);
        Assert.Equal(office, item.OfficeHandle, ignoreCase: true);
        Assert.False(string.IsNullOrWhiteSpace(item.Text));
    });

    /// <summary>The same posts again (a replay after a crash, a second notification, a column's stream): still one item each.</summary>
    private static async Task AssertLandsOnceAsync(WebApplication app, Network network, IReadOnlyList<InboxItem> items)
    {
        var channel = app.Services.GetRequiredService<IngestChannel>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var item in items)
            {
                var json = await db.Posts.Where(p => p.Network == network && p.RemoteId == item.RemoteId).Select(p => p.PostJson).SingleAsync(Cancel);
                var post = System.Text.Json.JsonSerializer.Deserialize(json, Data.Archive.ArchiveJsonContext.Default.Post)!;
                await channel.WriteAsync(IngestItem.FromPost("replay", post) with { AddressedTo = item.OfficeHandle }, Cancel);
                await channel.WriteAsync(IngestItem.FromPost("column", post), Cancel);
            }
        }

        // A marker after the replays: once it is archived, the replays before it were processed.
        var marker = new Post { Network = Network.Rss, RemoteId = "marker-" + network, Author = new Author("feed", "Feed"), Text = "marker", CreatedAt = Morning.UtcDateTime };
        await channel.WriteAsync(IngestItem.FromPost("marker", marker), Cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                if (await db.Posts.AnyAsync(p => p.RemoteId == marker.RemoteId, timeout.Token))
                {
                    Assert.Equal(items.Count, await db.InboxItems.CountAsync(i => i.Network == network, Cancel));
                    return;
                }
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private static async Task<WebApplication> StartAsync()
    {
        var app = PressDeckApp.Build(
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={PressDeckServer.NewDataFolder()}", "--Demo:Enabled=false",
            "--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1", "--Mentions:Interval=00:00:00.300",
            // The recorded payloads are months or years old; the inbox takes them as if they had just been written.
            "--Inbox:MaxAgeOnArrival=3650.00:00:00",
        ]);
        await app.StartAsync(Cancel);
        return app;
    }

    private static async Task ConnectAsync(WebApplication app, ConnectAccountForm form)
    {
        await using var scope = await TestPeople.AdminScopeAsync(app.Services);
        var (_, error) = await scope.ServiceProvider.GetRequiredService<ConnectedAccountService>().ConnectAsync(form, Cancel);
        Assert.Null(error);
    }

    private static async Task<IReadOnlyList<InboxItem>> WaitForItemsAsync(WebApplication app, Network network, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var items = await scope.ServiceProvider.GetRequiredService<AppDbContext>().InboxItems.AsNoTracking().Where(i => i.Network == network).ToListAsync(timeout.Token);
                if (items.Count >= count)
                {
                    // Give a late duplicate the chance to show itself.
                    await Task.Delay(700, timeout.Token);
                    return await scope.ServiceProvider.GetRequiredService<AppDbContext>().InboxItems.AsNoTracking().Where(i => i.Network == network).OrderBy(i => i.Id).ToListAsync(timeout.Token);
                }
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
