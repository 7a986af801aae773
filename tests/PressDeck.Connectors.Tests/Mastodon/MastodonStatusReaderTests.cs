using System.Text;
using System.Text.Json.Nodes;
using PressDeck.Connectors.Mastodon;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Tests.Mastodon;

[Trait("Issue", "4")]
public sealed class MastodonStatusReaderTests
{
    private static Post Read(string json, string? serverHost = "mastodon.social")
    {
        Assert.True(MastodonStatusReader.TryRead(Encoding.UTF8.GetBytes(json), serverHost, out var status, out var error), error);
        return status!.Post;
    }

    [Fact]
    public void A_remote_status_has_its_text_author_entities_media_language_edit_and_address()
    {
        var post = Read(MastodonFixtures.Body("status_get_mastodon_social.json", 0));

        Assert.Equal(Network.Mastodon, post.Network);
        Assert.Equal("https://icosahedron.website/users/halcy/statuses/110446222386355655", post.RemoteId);
        Assert.Equal("https://icosahedron.website/@halcy/110446222386355655", post.Url);
        Assert.Equal("halcy@icosahedron.website", post.Author.Handle);
        Assert.Equal("halcy\u200b :icosahedron:", post.Author.DisplayName);
        Assert.Equal("https://files.mastodon.social/cache/accounts/avatars/000/023/972/original/9c900052b7f670db.jpg", post.Author.AvatarUrl);
        Assert.Equal(
            "CW: test post for mastodon.py stuff\n\n@halcy@icosahedron.website you're a doo-doo head\n\nedit: editing this to have the maximum amount of fields filled :trans_heart: #ThisIsAHashtag",
            post.Text);
        Assert.Equal(["thisisahashtag"], post.Hashtags);
        Assert.Equal(["halcy@icosahedron.website"], post.Mentions);
        Assert.Empty(post.Links);
        var media = Assert.Single(post.Media);
        Assert.Equal(MediaType.Gif, media.Type);
        Assert.Equal("a furry cube breakdancing", media.AltText);
        Assert.EndsWith("/original/e6bdbd614788c2d1.mp4", media.Url, StringComparison.Ordinal);
        Assert.Equal(["de"], post.Languages);
        Assert.Equal(new DateTime(2023, 5, 28, 12, 6, 50, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal(new DateTime(2023, 5, 28, 12, 9, 44, DateTimeKind.Utc), post.EditedAt);
        Assert.Equal(PostKind.Post, post.Kind);
        Assert.False(post.IsReply);
    }

    [Fact]
    public void A_local_account_gets_the_server_domain_in_its_handle()
    {
        var json = MastodonFixtures.Body("status_get_mastodon_social.json", 1);

        Assert.Equal("halcy@mastodon.social", Read(json, "mastodon.social").Author.Handle);

        // Without a server (an import), the host of the account's own address stands in.
        Assert.Equal("halcy@mastodon.social", Read(json, null).Author.Handle);
        Assert.Equal("halcy@example.org", Read(json, "Example.org").Author.Handle);
    }

    [Fact]
    public void Poll_options_are_part_of_the_text()
    {
        var post = Read(MastodonFixtures.Body("status_get_mastodon_social.json", 1));

        Assert.Equal("test?\n- oh no I totally can\n- edit polls", post.Text);
        Assert.Equal(new DateTime(2023, 5, 28, 12, 21, 32, 698, DateTimeKind.Utc), post.EditedAt);
    }

    [Fact]
    public void A_reply_names_the_mentioned_account_it_answers_and_a_self_reply_its_author()
    {
        var reply = Read(MastodonFixtures.Body("status_with_media_mastodon_social.json", 0));
        var selfReply = Read(MastodonFixtures.Body("status_with_media_mastodon_social.json", 1));

        Assert.Equal(PostKind.Reply, reply.Kind);
        Assert.Equal("halcy@mastodon.social", reply.ReplyToHandle);
        Assert.Equal("@halcy@mastodon.social audio post, but remote", reply.Text);
        Assert.Equal(["halcy@mastodon.social"], reply.Mentions);
        Assert.Equal(MediaType.Video, Assert.Single(reply.Media).Type);

        Assert.True(selfReply.IsReply);
        Assert.Equal("halcy@mastodon.social", selfReply.ReplyToHandle);
        var image = Assert.Single(selfReply.Media);
        Assert.Equal(new MediaItem(MediaType.Image, "https://files.mastodon.social/media_attachments/files/110/447/002/079/181/641/original/97232afa341c291e.jpg", "furry cube"), image);
    }

    [Fact]
    public void A_shortened_link_shows_its_whole_address_and_is_a_link()
    {
        var post = MastodonFixtures.ServerSentStatuses().Select(json => Read(json, "mastodon.social")).Single(post => post.Author.Handle == "chrismo@ruby.social");

        Assert.Equal(
            "#musicTuesday\n\nHere's a solo #piano track of mine called Gravity Assist\n\n#neoclassical (#jazz ish)\n\nhttps://cstudios.bandcamp.com/track/celestia-gravity-assist-no-19-var-2",
            post.Text);
        Assert.Equal(["https://cstudios.bandcamp.com/track/celestia-gravity-assist-no-19-var-2"], post.Links);
        Assert.Equal(["MUSICTUESDAY", "piano", "neoclassical", "jazz"], post.Hashtags);
        Assert.NotNull(post.EditedAt);
    }

    [Fact]
    public void Every_recorded_status_is_read()
    {
        var documents = new[]
        {
            MastodonFixtures.Body("status_get_mastodon_social.json", 0),
            MastodonFixtures.Body("status_get_mastodon_social.json", 1),
            MastodonFixtures.Body("status_with_media_mastodon_social.json", 0),
            MastodonFixtures.Body("status_with_media_mastodon_social.json", 1),
            MastodonFixtures.Body("status_post_public.json", 0),
        }.Concat(MastodonFixtures.ServerSentStatuses()).ToList();

        var posts = documents.Select(json => Read(json, "mastodon.social")).ToList();

        Assert.Equal(10, posts.Count);
        Assert.All(posts, post => Assert.Contains('@', post.Author.Handle));
        Assert.All(posts, post => Assert.StartsWith("http", post.Url, StringComparison.Ordinal));
        Assert.Equal(posts.Count, posts.Select(post => post.RemoteId).Distinct().Count());
        var pleroma = posts.Single(post => post.Author.Handle == "freon@letsalllovela.in");
        Assert.Equal("@disarray@pl.nulled.red glad i was able to help", pleroma.Text);
        Assert.Equal("disarray@pl.nulled.red", pleroma.ReplyToHandle);
    }

    [Fact]
    public void A_boost_is_a_repost_by_the_booster_with_the_original_text()
    {
        var outer = MastodonFixtures.BodyObject("status_post_public.json", 0);
        outer["content"] = "";
        outer["uri"] = "http://localhost:3000/users/mastodonpy_test/statuses/117020585924712638/activity";
        outer["url"] = null;
        outer["reblog"] = MastodonFixtures.BodyObject("status_get_mastodon_social.json", 0);

        var post = Read(outer.ToJsonString(), "localhost");

        Assert.Equal(PostKind.Repost, post.Kind);
        Assert.Equal("mastodonpy_test@localhost", post.Author.Handle);
        Assert.Equal("halcy@icosahedron.website", post.RepostOfHandle);
        Assert.Equal("http://localhost:3000/users/mastodonpy_test/statuses/117020585924712638/activity", post.RemoteId);
        Assert.Equal("https://icosahedron.website/@halcy/110446222386355655", post.Url);
        Assert.StartsWith("CW: test post for mastodon.py stuff", post.Text, StringComparison.Ordinal);
        Assert.Equal(["thisisahashtag"], post.Hashtags);
        Assert.Single(post.Media);
        Assert.Equal(new DateTime(2026, 8, 1, 13, 53, 56, 596, DateTimeKind.Utc), post.CreatedAt);
    }

    [Fact]
    public void An_accepted_quote_names_the_quoted_post()
    {
        var quoting = MastodonFixtures.BodyObject("status_post_public.json", 0);
        quoting["quote"] = new JsonObject { ["state"] = "accepted", ["quoted_status"] = MastodonFixtures.BodyObject("status_get_mastodon_social.json", 1) };
        var shallow = MastodonFixtures.BodyObject("status_post_public.json", 0);
        shallow["quote"] = new JsonObject { ["state"] = "accepted", ["quoted_status_id"] = "110446183735368325" };
        var revoked = MastodonFixtures.BodyObject("status_post_public.json", 0);
        revoked["quote"] = new JsonObject { ["state"] = "revoked", ["quoted_status"] = null };

        var quote = Read(quoting.ToJsonString(), "localhost");

        Assert.Equal(PostKind.Quote, quote.Kind);
        Assert.Equal("https://mastodon.social/users/halcy/statuses/110446183735368325", quote.QuoteOfId);
        Assert.True(Read(shallow.ToJsonString(), "localhost").IsQuote);
        Assert.False(Read(revoked.ToJsonString(), "localhost").IsQuote);
    }

    [Fact]
    public void Markup_becomes_text_without_scripts_and_with_entities_decoded()
    {
        var status = MastodonFixtures.BodyObject("status_post_public.json", 0);
        status["content"] = "<p>Budget &amp; tax<br>second line<script>alert('x')</script><style>p{}</style></p><p><a href=\"https://www.gov.uk/budget\">the budget</a> &lt;b&gt;</p>";

        var post = Read(status.ToJsonString(), "localhost");

        Assert.Equal("Budget & tax\nsecond line\n\nthe budget <b>", post.Text);
        Assert.Equal(["https://www.gov.uk/budget"], post.Links);
    }

    [Theory]
    [InlineData("{\"id\": ", "malformed JSON")]
    [InlineData("[]", "the status is not a JSON object")]
    [InlineData("{\"uri\":\"https://a.example/1\"}", "the status has no \"id\"")]
    [InlineData("{\"id\":\"1\",\"account\":{\"id\":\"2\",\"acct\":\"a@b.example\"},\"created_at\":\"2026-01-01T00:00:00Z\"}", "status 1 has no \"uri\"")]
    [InlineData("{\"id\":\"1\",\"uri\":\"https://a.example/1\",\"created_at\":\"2026-01-01T00:00:00Z\"}", "status 1 has no \"account\"")]
    [InlineData("{\"id\":\"1\",\"uri\":\"https://a.example/1\",\"account\":{\"id\":\"2\",\"acct\":\"a b\"},\"created_at\":\"2026-01-01T00:00:00Z\"}", "is not a handle")]
    [InlineData("{\"id\":\"1\",\"uri\":\"https://a.example/1\",\"account\":{\"id\":\"2\",\"acct\":\"a@b.example\"},\"created_at\":\"yesterday\"}", "has no valid \"created_at\"")]
    [InlineData("{\"id\":\"1\",\"uri\":\"https://a.example/1\",\"account\":{\"id\":\"2\",\"acct\":\"a@b.example\"},\"created_at\":\"2026-01-01T00:00:00Z\",\"content\":\"\\ud800\"}", "unexpected content")]
    [InlineData("{\"id\":\"1\",\"uri\":\"https://a.example/1\",\"account\":{\"id\":\"2\",\"acct\":\"a@b.example\"},\"created_at\":\"2026-01-01T00:00:00Z\",\"reblog\":{\"id\":\"3\"}}", "boosts one that cannot be read")]
    public void Malformed_statuses_are_refused_with_the_reason(string json, string reason)
    {
        Assert.False(MastodonStatusReader.TryRead(Encoding.UTF8.GetBytes(json), "b.example", out var status, out var error));
        Assert.Null(status);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_and_oversized_payloads_are_refused()
    {
        Assert.False(MastodonStatusReader.TryRead([0x7B, 0xFF, 0xFE, 0x7D], null, out _, out var invalid));
        Assert.Equal("the status is not valid UTF-8", invalid);

        var huge = new byte[MastodonStatusReader.MaxPayloadBytes + 1];
        Assert.False(MastodonStatusReader.TryRead(huge, null, out _, out var tooLarge));
        Assert.StartsWith("the status is 1,048,577 bytes", tooLarge, StringComparison.Ordinal);
    }
}
