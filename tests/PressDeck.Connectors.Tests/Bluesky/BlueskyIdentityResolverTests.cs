using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.Bluesky;
using PressDeck.Core.Posts;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Bluesky;

[Trait("Issue", "4")]
public sealed class BlueskyIdentityResolverTests
{
    [Fact]
    public async Task Unknown_dids_are_looked_up_in_batches_of_25_and_posts_show_handles_and_names()
    {
        await using var appView = await FakeBlueskyAppView.StartAsync();
        var handles = new BlueskyHandleCache();
        handles.Learn("did:plc:known1", "known.bsky.social");
        var resolver = Resolver(appView, handles, new FakeTimeProvider());
        var posts = Enumerable.Range(0, 30).Select(index => Post($"did:plc:author{index:D4}", replyTo: "did:plc:editor", mention: "did:plc:known1")).ToList();

        await resolver.ResolveAsync(posts, TestContext.Current.CancellationToken);
        var rewritten = posts.Select(resolver.Rewrite).ToList();

        Assert.Equal([25, 6], appView.Requests.Select(actors => actors.Length));
        Assert.DoesNotContain(appView.Requests.SelectMany(actors => actors), actor => actor == "did:plc:known1");
        var first = rewritten[0];
        Assert.Equal(FakeBlueskyAppView.HandleOf("did:plc:author0000"), first.Author.Handle);
        Assert.Equal(FakeBlueskyAppView.NameOf("did:plc:author0000"), first.Author.DisplayName);
        Assert.StartsWith("https://cdn.bsky.app/img/avatar/", first.Author.AvatarUrl, StringComparison.Ordinal);
        Assert.Equal(FakeBlueskyAppView.HandleOf("did:plc:editor"), first.ReplyToHandle);
        Assert.Equal(["known.bsky.social"], first.Mentions);

        // Known now: a second batch of the same posts asks nothing more.
        await resolver.ResolveAsync(posts, TestContext.Current.CancellationToken);
        Assert.Equal(2, appView.Requests.Count);
    }

    [Fact]
    public async Task When_the_appview_fails_posts_keep_their_dids_and_lookups_pause()
    {
        await using var appView = await FakeBlueskyAppView.StartAsync();
        appView.FailWithStatus = 500;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var resolver = Resolver(appView, new BlueskyHandleCache(), clock);
        Post[] posts = [Post("did:plc:author0001")];

        await resolver.ResolveAsync(posts, TestContext.Current.CancellationToken);

        Assert.Equal("did:plc:author0001", resolver.Rewrite(posts[0]).Author.Handle);
        Assert.Contains("500", resolver.LastFailure, StringComparison.Ordinal);

        appView.FailWithStatus = null;
        await resolver.ResolveAsync(posts, TestContext.Current.CancellationToken);
        Assert.Single(appView.Requests);

        clock.Advance(BlueskyIdentityResolver.PauseAfterFailure);
        await resolver.ResolveAsync(posts, TestContext.Current.CancellationToken);
        Assert.Equal(2, appView.Requests.Count);
        Assert.Null(resolver.LastFailure);
        Assert.Equal(FakeBlueskyAppView.HandleOf("did:plc:author0001"), resolver.Rewrite(posts[0]).Author.Handle);
    }

    private static BlueskyIdentityResolver Resolver(FakeBlueskyAppView appView, IBlueskyHandles handles, TimeProvider time) =>
        new(new BlueskyAppViewClient(new HttpClient(), Options.Create(new AppViewOptions { Url = appView.Url })), handles, time);

    private static Post Post(string author, string? replyTo = null, string? mention = null) => new()
    {
        Network = Network.Bluesky,
        RemoteId = $"at://{author}/app.bsky.feed.post/3k1",
        Author = new Author(author, author),
        Text = "Question for the press office",
        CreatedAt = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc),
        Kind = replyTo is null ? PostKind.Post : PostKind.Reply,
        ReplyToHandle = replyTo,
        Mentions = mention is null ? [] : [mention],
    };
}
