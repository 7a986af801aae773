using System.Text;
using PressDeck.Connectors.Mastodon;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Mastodon;

[Trait("Issue", "4")]
public sealed class MastodonRecordedPayloadsTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static List<RecordedItem> Read(string text, string? serverHost = null) =>
        [.. MastodonRecordedPayloads.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), serverHost)];

    [Fact]
    public void A_status_document_is_one_post()
    {
        var item = Assert.Single(Read(MastodonFixtures.Body("status_get_mastodon_social.json", 0)));

        Assert.Equal(1, item.Line);
        Assert.Equal("halcy@icosahedron.website", item.Post!.Author.Handle);
    }

    [Fact]
    public void A_file_of_recorded_http_exchanges_gives_the_statuses_their_responses_carried()
    {
        var items = Read(File.ReadAllText(SharedFixtures.PathOf("mastodon/status_with_media_mastodon_social.json")));

        Assert.NotEmpty(items);
        Assert.All(items, item => Assert.Null(item.Refusal));
        Assert.Contains(items, item => item.Post!.Text == "image post" && item.Post.Media.Count > 0);
    }

    [Fact]
    public void A_pretty_printed_status_spread_over_lines_is_one_post()
    {
        var pretty = MastodonFixtures.BodyObject("status_with_media_mastodon_social.json", 1).ToJsonString(Indented);

        var item = Assert.Single(Read(pretty));

        Assert.Equal("image post", item.Post!.Text);
        Assert.Equal("halcy@mastodon.social", item.Post.Author.Handle);
    }

    [Fact]
    public void A_timeline_array_gives_each_status_by_item_number()
    {
        var items = Read(MastodonFixtures.Body("pagination_link_header.json", 11), "localhost");

        Assert.Equal([1, 2, 3, 4, 5], items.Select(item => item.Line));
        Assert.Equal(["Toot number 9!", "Toot number 8!", "Toot number 7!", "Toot number 6!", "Toot number 5!"], items.Select(item => item.Post!.Text));
        Assert.All(items, item => Assert.Equal("mastodonpy_test@localhost", item.Post!.Author.Handle));
    }

    [Fact]
    public void A_search_result_gives_its_statuses()
    {
        var search = "{\"accounts\":[],\"statuses\":[" + MastodonFixtures.Body("status_get_mastodon_social.json", 1) + "," + MastodonFixtures.Body("status_post_public.json", 0) + "],\"hashtags\":[]}";

        var items = Read(search);

        Assert.Equal(["test?\n- oh no I totally can\n- edit polls", "Toot!"], items.Select(item => item.Post!.Text));
        Assert.Empty(Read(MastodonFixtures.Body("search_v2.json", 2)));
    }

    [Fact]
    public void A_notifications_array_gives_the_posts_it_carries_and_refuses_those_without()
    {
        var items = Read(MastodonFixtures.Body("notifications_list_mastodon_social.json", 0));

        Assert.Equal(40, items.Count);
        var post = Assert.Single(items, item => item.Post is not null).Post!;
        Assert.Equal("latencyobs@icosahedron.website", post.Author.Handle);
        Assert.Equal(["halcy@mastodon.social", "halcy@glitch.social", "halcy@hachyderm.io"], post.Mentions);
        Assert.All(items.Where(item => item.Post is null), item => Assert.Contains("carries no status", item.Refusal, StringComparison.Ordinal));
    }

    [Fact]
    public void Websocket_lines_give_posts_and_refuse_what_carries_none_by_line()
    {
        var lines = SharedFixtures.Lines("mastodon/streaming_ws_sample.jsonl")
            .Concat(SharedFixtures.Lines("mastodon/streaming_ws_client_and_errors.jsonl"))
            .Append("{\"stream\":[\"public\"],\"event\":\"delete\",\"payload\":\"108913983692647032\"}")
            .Append("{\"broken\": ");

        var items = Read(string.Join('\n', lines));

        Assert.Equal(9, items.Count);
        Assert.Equal("tobtobxx@fosstodon.org", items[0].Post!.Author.Handle);
        Assert.Equal((2L, "a delete of status 106692867363994015, which is not earlier in this file: a Mastodon delete names only the server's id, not the post's URI"), (items[1].Line, items[1].Refusal));
        Assert.Equal("a filters_changed event, which carries no post", items[2].Refusal);
        Assert.Equal("a client's subscribe message, not an event", items[3].Refusal);
        Assert.Equal("a client's unsubscribe message, not an event", items[4].Refusal);
        Assert.Equal("an error from the server: Unknown channel requested", items[5].Refusal);
        Assert.Equal("an error from the server: Unknown stream type", items[6].Refusal);
        Assert.Equal((8L, "https://fosstodon.org/users/tobtobxx/statuses/108913983628474640"), (items[7].Line, items[7].DeletedRemoteId));
        Assert.Equal(9, items[8].Line);
        Assert.StartsWith("malformed JSON", items[8].Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_sent_events_capture_gives_posts_edits_and_refusals_at_the_line_each_event_begins()
    {
        using var file = File.OpenRead(SharedFixtures.PathOf("mastodon/streaming_sse_sample.txt"));

        var items = MastodonRecordedPayloads.Read(file).ToList();

        Assert.Equal(11, items.Count);
        Assert.Equal(6, items.Count(item => item.Post is not null));
        Assert.Equal(2, items.Count(item => item.Post?.EditedAt is not null));
        Assert.Equal(2, items[0].Line);
        Assert.Equal("freon@letsalllovela.in", items[0].Post!.Author.Handle);
        Assert.Equal("a@pl.nulled.red", items[1].Post!.Author.Handle);
        Assert.Contains(items, item => item.Refusal == "a delete of status 107214471804101576, which is not earlier in this file: a Mastodon delete names only the server's id, not the post's URI");
        Assert.Contains(items, item => item.Refusal == "a filters_changed event, which carries no post");
    }

    [Fact]
    public void Garbage_and_invalid_utf8_lines_are_refused_and_the_rest_is_read()
    {
        var good = SharedFixtures.Lines("mastodon/streaming_ws_sample.jsonl")[0];
        using var bytes = new MemoryStream();
        bytes.Write(Encoding.UTF8.GetBytes(good + "\n"));
        bytes.Write([0x7B, 0x22, 0xFF, 0x22, 0x7D, 0x0A]);
        bytes.Write(Encoding.UTF8.GetBytes("not json at all\n\n" + good + "\n"));
        bytes.Position = 0;

        var items = MastodonRecordedPayloads.Read(bytes).ToList();

        Assert.Equal([1L, 2, 3, 5], items.Select(item => item.Line));
        Assert.NotNull(items[0].Post);
        Assert.Equal("the line is not valid UTF-8", items[1].Refusal);
        Assert.StartsWith("malformed JSON", items[2].Refusal, StringComparison.Ordinal);
        Assert.NotNull(items[3].Post);
    }

    [Fact]
    public void An_oversized_line_is_refused_without_stopping_the_file()
    {
        var good = SharedFixtures.Lines("mastodon/streaming_ws_sample.jsonl")[0];
        var huge = "{\"event\":\"update\",\"payload\":\"" + new string('x', MastodonStreamEventReader.MaxMessageBytes + 10) + "\"}";

        var items = Read(good + "\n" + huge + "\n" + good);

        Assert.Equal(3, items.Count);
        Assert.StartsWith("the line is longer than", items[1].Refusal, StringComparison.Ordinal);
        Assert.NotNull(items[2].Post);
    }

    [Fact]
    public void A_document_that_is_not_json_is_refused_once()
    {
        var items = Read("[{\"id\": \n nonsense");

        var item = Assert.Single(items);
        Assert.StartsWith("malformed JSON", item.Refusal, StringComparison.Ordinal);
    }
}
