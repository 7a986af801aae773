using PressDeck.Core.Posts;

namespace PressDeck.Core.Tests;

public sealed class PostTests
{
    [Fact]
    public void A_repost_is_neither_a_reply_nor_a_quote()
    {
        var post = new Post
        {
            Network = Network.Demo,
            RemoteId = "1",
            Author = new Author("jo", "Jo"),
            Text = "apprentices rally",
            CreatedAt = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc),
            Kind = PostKind.Repost,
            ReplyToHandle = "someone",
        };

        Assert.True(post.IsRepost);
        Assert.False(post.IsReply);
        Assert.False(post.IsQuote);
    }
}
