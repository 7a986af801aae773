using System.Text;
using PressDeck.Core.Posts;

namespace PressDeck.Core.Tests.Posts;

public sealed class PostJsonReaderTests
{
    private const string SpecExample = """{"id":"p1","network":"bluesky","author":{"handle":"alice.bsky.social","name":"Alice"},"text":"Read the #Budget statement https://www.gov.uk/budget","lang":"en","createdAt":"2026-11-25T10:00:00Z","kind":"post","replyTo":null,"quoteOf":null,"links":[],"media":[{"type":"image","alt":"The minister at the factory"}]}""";

    [Fact]
    public void Reads_the_example_of_section_6()
    {
        var read = PostJsonReader.TryRead(Encoding.UTF8.GetBytes(SpecExample), out var post, out var error);

        Assert.True(read, error);
        Assert.NotNull(post);
        Assert.Equal("p1", post.RemoteId);
        Assert.Equal(Network.Bluesky, post.Network);
        Assert.Equal(new Author("alice.bsky.social", "Alice"), post.Author);
        Assert.Equal("Read the #Budget statement https://www.gov.uk/budget", post.Text);
        Assert.Equal(["en"], post.Languages);
        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, post.CreatedAt.Kind);
        Assert.Equal(PostKind.Post, post.Kind);
        Assert.Null(post.ReplyToHandle);
        Assert.Empty(post.Links);
        Assert.Equal([new MediaItem(MediaType.Image, "", "The minister at the factory")], post.Media);
    }

    [Theory]
    [InlineData("bluesky", Network.Bluesky)]
    [InlineData("mastodon", Network.Mastodon)]
    [InlineData("x", Network.X)]
    [InlineData("twitter", Network.X)]
    [InlineData("rss", Network.Rss)]
    [InlineData("demo", Network.Demo)]
    public void Maps_network_names(string name, Network expected)
    {
        var read = PostJsonReader.TryRead(Line($$"""{"id":"1","network":"{{name}}","author":{"handle":"a"},"text":"t","createdAt":"2026-01-01T00:00:00Z"}"""), out var post, out _);

        Assert.True(read);
        Assert.Equal(expected, post?.Network);
    }

    [Fact]
    public void Reads_a_reply_that_quotes_with_optional_fields()
    {
        const string line = """{"id":"r1","network":"mastodon","author":{"handle":"bob@mastodon.social"},"text":"agreed","lang":["en-GB","cy"],"createdAt":"2026-11-25T11:00:00+01:00","kind":"reply","replyTo":"jo","quoteOf":"q9","links":["https://gov.uk"],"hashtags":["budget"],"mentions":["carol"],"media":[{"type":"gif","url":"https://x/y.gif"}],"extra":{"ignored":true}}""";

        var read = PostJsonReader.TryRead(Line(line), out var post, out var error);

        Assert.True(read, error);
        Assert.NotNull(post);
        Assert.True(post.IsReply);
        Assert.True(post.IsQuote);
        Assert.Equal("bob@mastodon.social", post.Author.DisplayName);
        Assert.Equal(["en-GB", "cy"], post.Languages);
        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal(["https://gov.uk"], post.Links);
        Assert.Equal(["budget"], post.Hashtags);
        Assert.Equal(["carol"], post.Mentions);
        Assert.Equal([new MediaItem(MediaType.Gif, "https://x/y.gif", null)], post.Media);
    }

    [Theory]
    [InlineData("""{"network":"x","author":{"handle":"a"},"text":"t","createdAt":"2026-01-01T00:00:00Z"}""", "missing \"id\"")]
    [InlineData("""{"id":"1","author":{"handle":"a"},"text":"t","createdAt":"2026-01-01T00:00:00Z"}""", "missing \"network\"")]
    [InlineData("""{"id":"1","network":"x","text":"t","createdAt":"2026-01-01T00:00:00Z"}""", "missing \"author\"")]
    [InlineData("""{"id":"1","network":"x","author":{"name":"A"},"text":"t","createdAt":"2026-01-01T00:00:00Z"}""", "missing \"author\"")]
    [InlineData("""{"id":"1","network":"x","author":{"handle":"a"},"createdAt":"2026-01-01T00:00:00Z"}""", "missing \"text\"")]
    [InlineData("""{"id":"1","network":"x","author":{"handle":"a"},"text":null,"createdAt":"2026-01-01T00:00:00Z"}""", "missing \"text\"")]
    [InlineData("""{"id":"1","network":"x","author":{"handle":"a"},"text":"t"}""", "missing \"createdAt\"")]
    [InlineData("""{"id":"1","network":"x","author":{"handle":"a"},"text":"t","createdAt":"yesterday"}""", "not an ISO 8601")]
    [InlineData("""{"id":"1","network":"myspace","author":{"handle":"a"},"text":"t","createdAt":"2026-01-01T00:00:00Z"}""", "unknown network 'myspace'")]
    [InlineData("""{"id":"1","network":"x","author":{"handle":"a"},"text":"t","createdAt":"2026-01-01T00:00:00Z","kind":"thread"}""", "unknown kind 'thread'")]
    [InlineData("""{"id":"1","network":"x","author":{"handle":"a"},"text":"t","createdAt":"2026-01-01T00:00:00Z","media":[{"type":"audio"}]}""", "unknown media type 'audio'")]
    [InlineData("""{"id":"1","network":"x","author":{"handle":"a"},"text":"t","createdAt":"2026-01-01T00:00:00Z","lang":5}""", "\"lang\" must be")]
    [InlineData("""{"id":"1","network":"x","author":{"handle":"a"},"text":"t","createdAt":"2026-01-01T00:00:00Z","text":"\ud800"}""", "invalid string")]
    [InlineData("""{"id":"1",""", "malformed JSON")]
    [InlineData("""{"id":"1"} {"id":"2"}""", "malformed JSON")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("not json", "malformed JSON")]
    [InlineData("", "empty")]
    public void Refuses_an_invalid_line_with_a_clear_reason(string line, string reason)
    {
        var read = PostJsonReader.TryRead(Line(line), out var post, out var error);

        Assert.False(read);
        Assert.Null(post);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0xC3, 0x28, 0x7D })]
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xC0, 0xAF, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xE2, 0x82 })]
    public void Refuses_invalid_utf8(byte[] bytes)
    {
        var read = PostJsonReader.TryRead(bytes, out _, out var error);

        Assert.False(read);
        Assert.Equal("the line is not valid UTF-8", error);
    }

    [Fact]
    public void Writes_a_line_that_reads_back_to_the_same_post()
    {
        var original = new Post
        {
            Network = Network.X,
            RemoteId = "1870000000000000000",
            Author = new Author("ft_reporter", "FT Reporter", "https://x/a.png"),
            Text = "Straße \"quoted\" 東京 🎉\nnew line",
            CreatedAt = new DateTime(2026, 11, 25, 10, 0, 0, 123, DateTimeKind.Utc),
            Kind = PostKind.Reply,
            ReplyToHandle = "jo",
            QuoteOfId = "q1",
            Url = "https://x.com/ft_reporter/status/1",
            Languages = ["en", "fr"],
            Links = ["https://gov.uk/budget"],
            Hashtags = ["budget"],
            Mentions = ["bbcnews"],
            Media = [new MediaItem(MediaType.Video, "https://x/v.mp4", "alt")],
        };

        var line = PostJsonReader.Write(original);
        var read = PostJsonReader.TryRead(Encoding.UTF8.GetBytes(line), out var post, out var error);

        Assert.True(read, error);
        Assert.DoesNotContain('\n', line);
        Assert.Contains("\"id\":\"1870000000000000000\"", line, StringComparison.Ordinal);
        Assert.Contains("\"network\":\"x\"", line, StringComparison.Ordinal);
        Assert.NotNull(post);
        Assert.Equal(original with { Languages = post.Languages, Links = post.Links, Hashtags = post.Hashtags, Mentions = post.Mentions, Media = post.Media }, post);
        Assert.Equal(original.Languages, post.Languages);
        Assert.Equal(original.Links, post.Links);
        Assert.Equal(original.Hashtags, post.Hashtags);
        Assert.Equal(original.Mentions, post.Mentions);
        Assert.Equal(original.Media, post.Media);
    }

    [Fact]
    public void Accepts_a_numeric_id_a_byte_order_mark_and_a_time_without_offset_as_utc()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Line("""{"id":42,"network":"demo","author":{"handle":"a"},"text":"","createdAt":"2026-01-01T12:00:00"}""")).ToArray();

        var read = PostJsonReader.TryRead(bytes, out var post, out var error);

        Assert.True(read, error);
        Assert.Equal("42", post?.RemoteId);
        Assert.Equal(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), post?.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, post?.CreatedAt.Kind);
    }

    private static byte[] Line(string json) => Encoding.UTF8.GetBytes(json);
}
