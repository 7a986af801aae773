using System.Text;
using PressDeck.Connectors.Bluesky;
using PressDeck.Core.Posts;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Bluesky;

[Trait("Issue", "4")]
public sealed class JetstreamEventReaderTests
{
    private const string Did = "did:plc:dclwtltrt2ggsryagfzk7dp4";

    [Fact]
    public void Reads_every_event_of_the_recorded_samples()
    {
        var handles = new BlueskyHandleCache();
        var events = SharedFixtures.Lines("bluesky/jetstream_mixed_sample.jsonl")
            .Concat(SharedFixtures.Lines("bluesky/jetstream_golden_v1.jsonl"))
            .Select(line => Read(line, handles))
            .ToList();

        Assert.Equal(23, events.Count);
        Assert.Equal(7, events.OfType<JetstreamPostEvent>().Count());
        Assert.Equal(2, events.OfType<JetstreamRepostEvent>().Count());
        var delete = Assert.Single(events.OfType<JetstreamDeleteEvent>());
        Assert.Equal(AtUri.PostCollection, delete.Uri.Collection);
        Assert.Equal(2, events.OfType<JetstreamIdentityEvent>().Count());
        Assert.Equal(2, events.OfType<JetstreamAccountEvent>().Count());
        Assert.All(events, e => Assert.True(e.TimeUs > 1_700_000_000_000_000));
    }

    [Fact]
    public void A_link_card_post_has_its_link_language_time_and_address()
    {
        var post = PostOf(SharedFixtures.Lines("bluesky/jetstream_mixed_sample.jsonl")[1]);

        Assert.Equal(Network.Bluesky, post.Network);
        Assert.Equal($"at://{Did}/app.bsky.feed.post/3mptbyoeyc22k", post.RemoteId);
        Assert.Equal($"https://bsky.app/profile/{Did}/post/3mptbyoeyc22k", post.Url);
        Assert.Equal("www.youtube.com/watch?v=V5lD...", post.Text);
        Assert.Equal(["https://www.youtube.com/watch?v=V5lDo-jw8mA"], post.Links);
        Assert.Equal(["en"], post.Languages);
        Assert.Equal(new DateTime(2026, 7, 4, 14, 38, 6, 240, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal(PostKind.Post, post.Kind);
    }

    [Fact]
    public void Tag_facets_become_hashtags_and_image_embeds_media()
    {
        var lines = SharedFixtures.Lines("bluesky/jetstream_mixed_sample.jsonl");
        var posts = lines.Select(line => Read(line, new BlueskyHandleCache())).OfType<JetstreamPostEvent>().Select(e => e.Post).ToList();

        var tagged = posts.Single(post => post.Text.StartsWith("#HowToTellAiToShutUp", StringComparison.Ordinal));
        Assert.Equal(["HowToTellAiToShutUp", "IndieRebellion"], tagged.Hashtags);
        Assert.Equal(["de"], tagged.Languages);

        var withImages = posts.Where(post => post.Media.Count > 0).ToList();
        Assert.Equal(2, withImages.Count);
        Assert.All(withImages.SelectMany(post => post.Media), media =>
        {
            Assert.Equal(MediaType.Image, media.Type);
            Assert.StartsWith("https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:", media.Url, StringComparison.Ordinal);
        });

        var reply = posts.Single(post => post.Kind == PostKind.Reply);
        Assert.Equal("did:plc:i5y2f3gtpjxs3qg6fwgb6jb4", reply.ReplyToHandle);
        Assert.True(reply.IsReply);
    }

    [Fact]
    public void Handles_learnt_from_identity_events_and_mention_facets_replace_dids()
    {
        var handles = new BlueskyHandleCache();
        Read("""{"did":"did:plc:alice","time_us":1783175888000000,"kind":"identity","identity":{"did":"did:plc:alice","handle":"Alice.BSKY.social","seq":1,"time":"2026-07-04T14:38:08Z"}}""", handles);

        // "🎉 " is five UTF-8 bytes, so the mention's range starts at byte 5, not at character 3.
        var post = PostOf(
            """{"did":"did:plc:alice","time_us":1783175889000000,"kind":"commit","commit":{"rev":"r","operation":"create","collection":"app.bsky.feed.post","rkey":"3k1","record":{"$type":"app.bsky.feed.post","createdAt":"2026-07-04T14:38:09.000Z","text":"🎉 @dfe.gov.uk thanks","facets":[{"index":{"byteStart":5,"byteEnd":16},"features":[{"$type":"app.bsky.richtext.facet#mention","did":"did:plc:dfe"}]}]}}}""",
            handles);

        Assert.Equal("alice.bsky.social", post.Author.Handle);
        Assert.Equal(["dfe.gov.uk"], post.Mentions);
        Assert.Equal("dfe.gov.uk", handles.Find("did:plc:dfe"));
    }

    [Theory]
    [InlineData(0, 200, "out of bounds")]
    [InlineData(1, 16, "starts inside a character")]
    [InlineData(5, 15, "stops inside the handle, which would read as dfe.gov.u")]
    public void Facets_with_impossible_ranges_are_ignored_and_the_mention_falls_back_to_its_did(int start, int end, string why)
    {
        var post = PostOf(
            """{"did":"did:plc:alice","time_us":1783175889000000,"kind":"commit","commit":{"rev":"r","operation":"create","collection":"app.bsky.feed.post","rkey":"3k1","record":{"text":"🎉 @dfe.gov.uk thanks","createdAt":"2026-07-04T14:38:09Z","facets":[{"index":{"byteStart":START,"byteEnd":END},"features":[{"$type":"app.bsky.richtext.facet#mention","did":"did:plc:dfe"}]}]}}}"""
                .Replace("START", start.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("END", end.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            new BlueskyHandleCache());

        Assert.True(post.Mentions.SequenceEqual(["did:plc:dfe"]), why);
    }

    [Fact]
    public void Quotes_with_images_carry_the_quoted_post_and_the_alt_text()
    {
        var post = PostOf(
            """{"did":"did:plc:alice","time_us":1783175889000000,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3k2","record":{"text":"Worth reading","createdAt":"2026-07-04T14:38:09Z","embed":{"$type":"app.bsky.embed.recordWithMedia","record":{"$type":"app.bsky.embed.record","record":{"uri":"at://did:plc:bob/app.bsky.feed.post/3k0","cid":"bafyrei"}},"media":{"$type":"app.bsky.embed.images","images":[{"alt":"The minister at the factory","image":{"$type":"blob","ref":{"$link":"bafkreiabc"},"mimeType":"image/jpeg","size":1}}]}}}}}""",
            new BlueskyHandleCache());

        Assert.Equal(PostKind.Quote, post.Kind);
        Assert.Equal("at://did:plc:bob/app.bsky.feed.post/3k0", post.QuoteOfId);
        var image = Assert.Single(post.Media);
        Assert.Equal("The minister at the factory", image.AltText);
        Assert.Equal("https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:alice/bafkreiabc@jpeg", image.Url);
    }

    [Fact]
    public void A_repost_names_the_original_and_opens_it()
    {
        var line = SharedFixtures.Lines("bluesky/jetstream_golden_v1.jsonl").Single(l => l.Contains("app.bsky.feed.repost", StringComparison.Ordinal));

        var repost = Assert.IsType<JetstreamRepostEvent>(Read(line, new BlueskyHandleCache()));

        Assert.Equal(PostKind.Repost, repost.Post.Kind);
        Assert.Equal(repost.Subject.Authority, repost.Post.RepostOfHandle);
        Assert.Equal(repost.Subject.WebUrl, repost.Post.Url);
        Assert.StartsWith("at://did:plc:", repost.Post.RemoteId, StringComparison.Ordinal);
        Assert.Contains("/app.bsky.feed.repost/", repost.Post.RemoteId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "malformed JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"time_us":1,"kind":"commit"}""", "no \"did\"")]
    [InlineData("""{"did":"did:plc:a","kind":"commit"}""", "no \"time_us\"")]
    [InlineData("""{"did":"did:plc:a","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"k"}}""", "has no record")]
    [InlineData("""{"did":"did:plc:a","time_us":1,"kind":"commit","commit":{"operation":"explode","collection":"app.bsky.feed.post","rkey":"k","record":{}}}""", "unknown commit operation")]
    [InlineData("""{"did":"did:plc:a","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.repost","rkey":"k","record":{"subject":{"uri":"nope"}}}}""", "has no subject")]
    public void Refuses_what_it_cannot_read_and_says_why(string payload, string reason)
    {
        Assert.False(JetstreamEventReader.TryRead(Encoding.UTF8.GetBytes(payload), new BlueskyHandleCache(), out var jetstreamEvent, out var error));
        Assert.Null(jetstreamEvent);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_invalid_utf8_deep_nesting_and_oversized_events()
    {
        var handles = new BlueskyHandleCache();
        Assert.False(JetstreamEventReader.TryRead([0x7B, 0xFF, 0xFE, 0x7D], handles, out _, out var invalid));
        Assert.Equal("the event is not valid UTF-8", invalid);

        var deep = Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000));
        Assert.False(JetstreamEventReader.TryRead(deep, handles, out _, out var nested));
        Assert.StartsWith("malformed JSON", nested, StringComparison.Ordinal);

        var huge = Encoding.UTF8.GetBytes("""{"did":"did:plc:a","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"k","record":{"text":"TEXT"}}}"""
            .Replace("TEXT", new string('a', JetstreamEventReader.MaxEventBytes), StringComparison.Ordinal));
        Assert.False(JetstreamEventReader.TryRead(huge, handles, out _, out var oversized));
        Assert.Contains("more than the", oversized, StringComparison.Ordinal);
    }

    private static JetstreamEvent Read(string line, IBlueskyHandles handles)
    {
        Assert.True(JetstreamEventReader.TryRead(Encoding.UTF8.GetBytes(line), handles, out var jetstreamEvent, out var error), error);
        return jetstreamEvent!;
    }

    private static Post PostOf(string line, IBlueskyHandles? handles = null) =>
        Assert.IsType<JetstreamPostEvent>(Read(line, handles ?? new BlueskyHandleCache())).Post;
}
