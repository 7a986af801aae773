using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Tests.Demo;

[Trait("Issue", "6")]
public sealed class DemoPublisherTests
{
    private const string RequestKey = "3mq2k4ayq7c2a";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repost_reaches_the_stream_as_the_offices_repost_of_the_original_and_a_resend_reposts_once()
    {
        var network = DemoTestData.Network(DemoTestData.Clock(), postsPerSecond: 0.1);
        var publisher = new DemoPublisher(network, new UnusedMediaStore());
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        await stream.TakeAvailableAsync();
        var originalId = network.Factory.RemoteIdFor(3);
        var original = network.Factory.Create(3, DemoTestData.Start);

        var first = await publisher.PublishAsync(Office(network), Repost(originalId), Cancellation);
        var again = await publisher.PublishAsync(Office(network), Repost(originalId), Cancellation);
        var posts = await stream.TakeAvailableAsync();

        var repost = Assert.Single(posts);
        Assert.Equal(first, again);
        Assert.Equal(first.RemoteId, repost.RemoteId);
        Assert.Equal(PostKind.Repost, repost.Kind);
        Assert.True(repost.IsRepost);
        Assert.Equal(network.World.OfficeAccount.Handle, repost.Author.Handle);
        Assert.Equal(network.AuthorOf(originalId), repost.RepostOfHandle);
        Assert.Equal(original.Author.Handle, repost.RepostOfHandle);
        Assert.Equal(original.Text, repost.Text);
        Assert.Null(repost.ReplyToHandle);
        Assert.Null(repost.QuoteOfId);
        Assert.Equal(first.RemoteId, network.FindPublished(RequestKey)!.RemoteId);
    }

    [Fact]
    public async Task A_repost_of_a_post_the_office_published_names_the_office_as_the_original_author()
    {
        var network = DemoTestData.Network(DemoTestData.Clock(), postsPerSecond: 0.1);
        var publisher = new DemoPublisher(network, new UnusedMediaStore());
        var statement = await publisher.PublishAsync(Office(network), new OutgoingPost { Text = "Statement on the floods.", RequestKey = "3mq2k4ayq7c2b", CreatedAt = DemoTestData.Start }, Cancellation);

        var published = await publisher.PublishAsync(Office(network), Repost(statement.RemoteId), Cancellation);

        var repost = network.FindPublished(RequestKey)!;
        Assert.Equal(published.RemoteId, repost.RemoteId);
        Assert.Equal("Statement on the floods.", repost.Text);
        Assert.Equal(network.World.OfficeAccount.Handle, repost.RepostOfHandle);
    }

    [Fact]
    public async Task A_repost_with_text_or_of_an_unknown_post_is_refused_and_nothing_is_published()
    {
        var network = DemoTestData.Network(DemoTestData.Clock(), postsPerSecond: 0.1);
        var publisher = new DemoPublisher(network, new UnusedMediaStore());

        var withText = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Office(network), Repost(network.Factory.RemoteIdFor(3)) with { Text = "Worth reading." }, Cancellation));
        var unknown = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Office(network), Repost("not-a-demo-post"), Cancellation));

        Assert.Equal(PublishFailureKind.Refused, withText.Kind);
        Assert.StartsWith("A repost only shares another post", withText.Message, StringComparison.Ordinal);
        Assert.Equal(PublishFailureKind.Refused, unknown.Kind);
        Assert.Null(network.FindPublished(RequestKey));
    }

    private static PublishingAccount Office(DemoNetwork network) =>
        new(Network.Demo, new Uri("https://demo.pressdeck.local/"), network.World.OfficeAccount.Handle, network.World.OfficeAccount.Handle, "demo");

    private static OutgoingPost Repost(string remoteId) => new()
    {
        Text = "",
        RequestKey = RequestKey,
        CreatedAt = DemoTestData.Start,
        RepostOf = new PostReference(remoteId),
    };

    private sealed class UnusedMediaStore : IDemoMediaStore
    {
        public Task<string> SaveAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A repost uploads no images.");
    }
}
