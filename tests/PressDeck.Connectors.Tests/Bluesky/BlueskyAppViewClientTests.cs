using Microsoft.Extensions.Options;
using PressDeck.Connectors.Bluesky;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Bluesky;

[Trait("Issue", "4")]
public sealed class BlueskyAppViewClientTests
{
    [Fact]
    public async Task The_conversation_around_a_post_comes_oldest_first_with_the_replies_after_and_gaps_left_out()
    {
        await using var appView = await FakeBlueskyAppView.StartAsync();
        using var http = new HttpClient();
        var client = new BlueskyAppViewClient(http, Options.Create(new AppViewOptions { Url = appView.Url }));
        var asked = "at://did:plc:askedaskedaskedasked00/app.bsky.feed.post/3askedpost222";
        Assert.True(AtUri.TryParse(asked, out var uri));

        var thread = await client.GetPostThreadAsync(uri!, new BlueskyHandleCache(), TestContext.Current.CancellationToken);

        Assert.Equal([FakeBlueskyAppView.ParentUri, asked, FakeBlueskyAppView.ReplyUri], thread.Select(post => post.RemoteId));
        Assert.Equal(FakeBlueskyAppView.HandleOf("did:plc:parentparentparent0000"), thread[0].Author.Handle);
        Assert.Equal(FakeBlueskyAppView.NameOf("did:plc:parentparentparent0000"), thread[0].Author.DisplayName);
        Assert.Equal(FakeBlueskyAppView.TextOf(asked), thread[1].Text);
        Assert.All(thread, post => Assert.StartsWith("https://bsky.app/profile/", post.Url, StringComparison.Ordinal));
        Assert.Equal(asked, Assert.Single(Assert.Single(appView.Requests)));
    }

    [Fact]
    public async Task An_appview_that_fails_is_an_error_the_caller_can_show()
    {
        await using var appView = await FakeBlueskyAppView.StartAsync();
        appView.FailWithStatus = 502;
        using var http = new HttpClient();
        var client = new BlueskyAppViewClient(http, Options.Create(new AppViewOptions { Url = appView.Url }));
        Assert.True(AtUri.TryParse("at://did:plc:askedaskedaskedasked00/app.bsky.feed.post/3askedpost222", out var uri));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetPostThreadAsync(uri!, new BlueskyHandleCache(), TestContext.Current.CancellationToken));

        Assert.Contains("502", failure.Message, StringComparison.Ordinal);
    }
}
