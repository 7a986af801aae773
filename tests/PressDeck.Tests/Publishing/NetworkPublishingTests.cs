using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Accounts;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Accounts;
using PressDeck.Data.Identity;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Team;
using PressDeck.Testing;
using PressDeck.Tests.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>
/// The whole path, from a submitted post to each network's fake server, when the answer is lost or PressDeck stops
/// between sending and recording: every network ends with exactly one copy of the post, and X (which has no
/// idempotency key) goes through "outcome unknown" instead of sending again.
/// </summary>
[Trait("Issue", "6")]
public sealed class NetworkPublishingTests
{
    private const string BlueskyHandle = "press.office.example";
    private const string BlueskyPassword = "abcd-efgh-ijkl-mnop";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bluesky_answer_lost_after_the_record_was_written_is_published_once()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts[BlueskyHandle] = BlueskyPassword;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        await using var app = await StartAsync(clock);
        var (officer, account) = await OfficerWithAccountAsync(app, Network.Bluesky, pds.Url, BlueskyHandle, FakeBlueskyPds.DidOf(BlueskyHandle), BlueskyPassword);

        pds.DropNextCreateRecordAnswer();
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Lost answer, one post. #SkillsBill", Accounts = [account], ScheduledFor = clock.GetUtcNow().UtcDateTime.AddMinutes(1) });
        clock.Advance(TimeSpan.FromMinutes(1));
        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);

        var target = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Published, target.State);
        Assert.Equal($"at://{FakeBlueskyPds.DidOf(BlueskyHandle)}/app.bsky.feed.post/{target.RequestKey}", target.RemoteId);
        Assert.Single(pds.Records, record => record.Key.EndsWith("/" + target.RequestKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bluesky_thread_goes_out_in_order_with_each_post_replying_to_the_one_before_under_the_first()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts[BlueskyHandle] = BlueskyPassword;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        await using var app = await StartAsync(clock);
        var (officer, account) = await OfficerWithAccountAsync(app, Network.Bluesky, pds.Url, BlueskyHandle, FakeBlueskyPds.DidOf(BlueskyHandle), BlueskyPassword);
        int rootId;
        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, officer))
        {
            var drafts = scope.ServiceProvider.GetRequiredService<DraftService>();
            rootId = await drafts.CreateAsync(new DraftContent { Text = "1/3 Live from Leeds.", Accounts = [account] }, Cancel);
            await drafts.SaveThreadAsync(rootId, ["2/3 The skills centre.", "3/3 Questions."], Cancel);
            Assert.Empty(await drafts.SubmitAsync(rootId, Cancel));
        }

        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);

        var uris = new List<string>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ids = new List<int> { rootId };
            var last = rootId;
            while (await db.Drafts.Where(d => d.ThreadParentId == last).Select(d => (int?)d.Id).FirstOrDefaultAsync(Cancel) is { } next)
            {
                ids.Add(next);
                last = next;
            }

            foreach (var id in ids)
            {
                var target = await db.DraftTargets.SingleAsync(t => t.DraftId == id, Cancel);
                Assert.Equal(TargetState.Published, target.State);
                uris.Add(target.RemoteId!);
            }
        }

        Assert.Equal(3, uris.Count);
        var second = JsonDocument.Parse(pds.Records[uris[1]].Json).RootElement.GetProperty("reply");
        var third = JsonDocument.Parse(pds.Records[uris[2]].Json).RootElement.GetProperty("reply");
        Assert.Equal((uris[0], uris[0]), (second.GetProperty("root").GetProperty("uri").GetString(), second.GetProperty("parent").GetProperty("uri").GetString()));
        Assert.Equal((uris[0], uris[1]), (third.GetProperty("root").GetProperty("uri").GetString(), third.GetProperty("parent").GetProperty("uri").GetString()));
        Assert.Equal(pds.Records[uris[1]].Cid, third.GetProperty("parent").GetProperty("cid").GetString());
    }

    [Fact]
    public async Task Bluesky_repost_from_the_deck_goes_out_as_a_repost_record_and_is_deleted_as_one()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts[BlueskyHandle] = BlueskyPassword;
        var original = pds.SeedPost("journalist.bsky.social", "3mq2hhhhhhh2h", "Flood defences hold in Upton.");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        await using var app = await StartAsync(clock);
        var (officer, account) = await OfficerWithAccountAsync(app, Network.Bluesky, pds.Url, BlueskyHandle, FakeBlueskyPds.DidOf(BlueskyHandle), BlueskyPassword);
        var approver = await TestPeople.CreateAsync(app.Services, Roles.Approver);
        var repost = new DraftContent { Kind = PostDraftKind.Repost, Accounts = [account], ReferenceNetwork = Network.Bluesky, ReferenceRemoteId = original.Uri, ReferenceHandle = "journalist.bsky.social" };
        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, officer))
        {
            var drafts = scope.ServiceProvider.GetRequiredService<DraftService>();
            var withText = await drafts.CreateAsync(repost with { Text = "Good news." }, Cancel);
            Assert.Contains("A repost shares the post as it is, with no text or images of its own; to add a comment, quote it instead.", await drafts.SubmitAsync(withText, Cancel));
        }

        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, repost);
        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);

        var target = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Published, target.State);
        Assert.Equal($"at://{FakeBlueskyPds.DidOf(BlueskyHandle)}/app.bsky.feed.repost/{target.RequestKey}", target.RemoteId);
        var record = JsonDocument.Parse(pds.Records[target.RemoteId!].Json).RootElement;
        Assert.Equal((original.Uri, original.Cid), (record.GetProperty("subject").GetProperty("uri").GetString(), record.GetProperty("subject").GetProperty("cid").GetString()));

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, approver))
        {
            await scope.ServiceProvider.GetRequiredService<DraftService>().DeletePublishedAsync(target.Id, Cancel);
        }

        Assert.DoesNotContain(target.RemoteId!, pds.Records.Keys);
    }

    [Fact]
    public async Task Mastodon_repost_from_the_deck_is_a_boost_sent_with_the_request_key()
    {
        await using var mastodon = await FakeMastodonServer.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        mastodon.Clock = clock;
        await using var app = await StartAsync(clock);
        var (officer, account) = await OfficerWithAccountAsync(app, Network.Mastodon, mastodon.Url, "pressoffice@" + mastodon.Url.Authority, "1", FakeMastodonServer.Token);
        var original = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "The original, on Mastodon.", Accounts = [account] });
        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);
        var originalUri = (await PublishingTestApp.TargetsAsync(app.Services, original)).Single().RemoteId!;

        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Kind = PostDraftKind.Repost, Accounts = [account], ReferenceNetwork = Network.Mastodon, ReferenceRemoteId = originalUri, ReferenceHandle = "pressoffice" });
        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);

        var target = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Published, target.State);
        var boost = Assert.Single(mastodon.RecordedRequests, r => r.Method == "POST" && r.Path.EndsWith("/reblog", StringComparison.Ordinal));
        Assert.Equal(target.RequestKey, boost.Headers["Idempotency-Key"]);
        Assert.Single(mastodon.CreatedReblogs);
    }

    [Theory]
    [InlineData(1000, 700, null)]
    [InlineData(300, 400, "Too long for Mastodon: 100 characters too many.")]
    [InlineData(null, 501, "Too long for Mastodon: 1 character too many.")]
    public async Task A_Mastodon_post_is_checked_against_the_servers_own_character_limit(int? serverLimit, int length, string? problem)
    {
        await using var mastodon = await FakeMastodonServer.StartAsync();
        mastodon.InstanceMaxCharacters = serverLimit;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        await using var app = await StartAsync(clock);
        var (officer, account) = await OfficerWithAccountAsync(app, Network.Mastodon, mastodon.Url, "pressoffice@" + mastodon.Url.Authority, "1", FakeMastodonServer.Token);
        await using var scope = await TestPeople.ScopeAsAsync(app.Services, officer);
        var drafts = scope.ServiceProvider.GetRequiredService<DraftService>();
        var draftId = await drafts.CreateAsync(new DraftContent { Text = new string('a', length), Accounts = [account] }, Cancel);

        var problems = await drafts.SubmitAsync(draftId, Cancel);

        Assert.Equal(problem is null ? [] : [problem], problems);
        Assert.Contains(mastodon.RecordedRequests, r => r.Path == "/api/v2/instance");
    }

    [Fact]
    public async Task Bluesky_crash_between_sending_and_recording_is_resolved_from_the_record_key()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts[BlueskyHandle] = BlueskyPassword;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        await using var app = await StartAsync(clock);
        var (officer, account) = await OfficerWithAccountAsync(app, Network.Bluesky, pds.Url, BlueskyHandle, FakeBlueskyPds.DidOf(BlueskyHandle), BlueskyPassword);
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Sent as the lights went out.", Accounts = [account], ScheduledFor = clock.GetUtcNow().UtcDateTime.AddHours(1) });

        var target = await CrashWhileSendingAsync(app, clock, draftId);
        var writesBefore = CreateRecordCalls(pds);
        clock.Advance(TimeSpan.FromMinutes(3));
        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);

        var resolved = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Published, resolved.State);
        Assert.Equal(writesBefore, CreateRecordCalls(pds));
        Assert.Single(pds.Records, record => record.Key.EndsWith("/" + target.RequestKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mastodon_answer_lost_is_sent_again_with_the_same_key_and_posted_once()
    {
        await using var mastodon = await FakeMastodonServer.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        mastodon.Clock = clock;
        await using var app = await StartAsync(clock);
        var (officer, account) = await OfficerWithAccountAsync(app, Network.Mastodon, mastodon.Url, "pressoffice@" + mastodon.Url.Authority, "1", FakeMastodonServer.Token);

        mastodon.DropNextStatusAnswer();
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Once only, on Mastodon.", Accounts = [account], ScheduledFor = clock.GetUtcNow().UtcDateTime.AddMinutes(1) });
        clock.Advance(TimeSpan.FromMinutes(1));
        var sender = app.Services.GetRequiredService<PostSender>();
        await sender.SendDueAsync(Cancel);
        var retrying = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Queued, retrying.State);
        Assert.Contains("same Idempotency-Key", retrying.LastError, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendDueAsync(Cancel);

        var published = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Published, published.State);
        Assert.Equal(2, published.Attempts);
        var posts = mastodon.RecordedRequests.Where(r => r.Method == "POST" && r.Path == "/api/v1/statuses").ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, post => Assert.Equal(published.RequestKey, post.Headers["Idempotency-Key"]));
        Assert.Single(mastodon.CreatedStatuses);
    }

    [Fact]
    public async Task X_answer_lost_after_the_post_was_made_is_found_on_the_account_and_never_sent_twice()
    {
        await using var x = await FakeXServer.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        x.Clock = clock;
        await using var app = await StartAsync(clock, $"--X:ApiUrl={x.Url}");
        var (officer, account) = await OfficerWithAccountAsync(app, Network.X, x.Url, FakeXServer.OfficeUsername, FakeXServer.OfficeUserId, FakeXServer.UserToken);

        x.Script("POST /2/tweets", new XRestScript(DropAfterHandling: true));
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Minister's statement: https://www.gov.uk/skills", Accounts = [account], ScheduledFor = clock.GetUtcNow().UtcDateTime.AddMinutes(1) });
        clock.Advance(TimeSpan.FromMinutes(1));
        var sender = app.Services.GetRequiredService<PostSender>();
        await sender.SendDueAsync(Cancel);

        // The answer was lost; X is asked (once its timeline can be trusted) instead of being sent the post again.
        clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendDueAsync(Cancel);

        var target = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Published, target.State);
        Assert.Equal(x.OwnTweets.Single()["id"]!.GetValue<string>(), target.RemoteId);
        Assert.Single(x.Recorded, r => r.Method == "POST" && r.Path == "/2/tweets");
    }

    [Fact]
    public async Task X_post_that_never_arrived_is_held_for_a_person_who_sends_it_again()
    {
        await using var x = await FakeXServer.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        x.Clock = clock;
        await using var app = await StartAsync(clock, $"--X:ApiUrl={x.Url}");
        var (officer, account) = await OfficerWithAccountAsync(app, Network.X, x.Url, FakeXServer.OfficeUsername, FakeXServer.OfficeUserId, FakeXServer.UserToken);

        x.Script("POST /2/tweets", new XRestScript(DropAfterHandling: false, HangAfterHandling: false, DropBeforeHandling: true));
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "This one never reached X.", Accounts = [account], ScheduledFor = clock.GetUtcNow().UtcDateTime.AddMinutes(1) });
        clock.Advance(TimeSpan.FromMinutes(1));
        var sender = app.Services.GetRequiredService<PostSender>();
        await sender.SendDueAsync(Cancel);
        clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendDueAsync(Cancel);

        var held = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.OutcomeUnknown, held.State);
        Assert.Contains("did not show the post", held.LastError, StringComparison.Ordinal);
        Assert.Empty(x.OwnTweets);
        Assert.Equal(DraftState.NeedsAttention, await DraftStateAsync(app, draftId));

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, officer))
        {
            await scope.ServiceProvider.GetRequiredService<DraftService>().SendAgainAsync(held.Id, Cancel);
        }

        await sender.SendDueAsync(Cancel);
        Assert.Equal(TargetState.Published, (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single().State);
        Assert.Single(x.OwnTweets);
    }

    [Fact]
    public async Task Mastodon_crash_between_sending_and_recording_is_resolved_by_resending_with_the_same_key()
    {
        await using var mastodon = await FakeMastodonServer.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        mastodon.Clock = clock;
        await using var app = await StartAsync(clock);
        var (officer, account) = await OfficerWithAccountAsync(app, Network.Mastodon, mastodon.Url, "pressoffice@" + mastodon.Url.Authority, "1", FakeMastodonServer.Token);
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Sent as the lights went out, on Mastodon.", Accounts = [account], ScheduledFor = clock.GetUtcNow().UtcDateTime.AddHours(1) });

        await CrashWhileSendingAsync(app, clock, draftId);
        clock.Advance(TimeSpan.FromMinutes(3));
        var sender = app.Services.GetRequiredService<PostSender>();
        await sender.SendDueAsync(Cancel);
        clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendDueAsync(Cancel);

        Assert.Equal(TargetState.Published, (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single().State);
        Assert.Single(mastodon.CreatedStatuses);
    }

    [Fact]
    public async Task X_crash_between_sending_and_recording_goes_through_outcome_unknown_and_finds_the_post()
    {
        await using var x = await FakeXServer.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        x.Clock = clock;
        await using var app = await StartAsync(clock, $"--X:ApiUrl={x.Url}");
        var (officer, account) = await OfficerWithAccountAsync(app, Network.X, x.Url, FakeXServer.OfficeUsername, FakeXServer.OfficeUserId, FakeXServer.UserToken);
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Sent as the lights went out, on X.", Accounts = [account], ScheduledFor = clock.GetUtcNow().UtcDateTime.AddHours(1) });

        await CrashWhileSendingAsync(app, clock, draftId);
        clock.Advance(TimeSpan.FromMinutes(3));
        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);

        var target = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Published, target.State);
        Assert.Equal(x.OwnTweets.Single()["id"]!.GetValue<string>(), target.RemoteId);
        Assert.Single(x.Recorded, r => r.Method == "POST" && r.Path == "/2/tweets");
    }

    private static async Task<WebApplication> StartAsync(TimeProvider clock, params string[] extra) =>
        await PublishingTestApp.StartAsync(time: clock, extra: ["--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1", .. PublishingTestApp.SenderDrivenByTest, .. extra]);

    private static async Task<(AppUser Officer, AccountChoice Account)> OfficerWithAccountAsync(WebApplication app, Network network, Uri server, string handle, string remoteId, string secret)
    {
        var officer = await TestPeople.CreateAsync(app.Services, Roles.Officer);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var account = new ConnectedAccount
        {
            Network = network,
            ServerUrl = server.ToString(),
            Handle = handle,
            RemoteAccountId = remoteId,
            DisplayName = "Press office",
            ProtectedSecret = scope.ServiceProvider.GetRequiredService<AccountSecrets>().Protect(secret),
            ConnectedAt = DateTime.UnixEpoch,
            ConnectedBy = "test",
        };
        db.ConnectedAccounts.Add(account);
        await db.SaveChangesAsync(Cancel);
        return (officer, new AccountChoice(network, account.Id, handle));
    }

    /// <summary>What a sender that crashed leaves: the network has the post (sent with the target's key), the database still says "sending".</summary>
    private static async Task<DraftTarget> CrashWhileSendingAsync(WebApplication app, TimeProvider clock, int draftId)
    {
        var target = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.DraftTargets.Where(t => t.Id == target.Id).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.State, TargetState.Sending).SetProperty(t => t.ClaimedBy, "crashed-node").SetProperty(t => t.Attempts, 1).SetProperty(t => t.DueAt, now)
            .SetProperty(t => t.FirstSentAt, now).SetProperty(t => t.LeaseUntil, now.AddMinutes(2)), Cancel);
        var stored = await db.DraftTargets.AsNoTracking().SingleAsync(t => t.Id == target.Id, Cancel);
        var (post, _) = await scope.ServiceProvider.GetRequiredService<OutgoingPostBuilder>().BuildAsync(db, stored, Cancel);
        var (account, _) = await scope.ServiceProvider.GetRequiredService<PublishingAccounts>().ResolveAsync(db, stored.Network, stored.ConnectedAccountId, Cancel);
        await scope.ServiceProvider.GetRequiredService<PublisherDirectory>().For(stored.Network)!.PublishAsync(account!, post!, Cancel);
        return stored;
    }

    private static int CreateRecordCalls(FakeBlueskyPds pds) => pds.RecordedRequests.Count(r => r.Path.EndsWith("com.atproto.repo.createRecord", StringComparison.Ordinal));

    private static async Task<DraftState> DraftStateAsync(WebApplication app, int draftId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Drafts.Where(d => d.Id == draftId).Select(d => d.State).SingleAsync(Cancel);
    }
}
