using System.Text;
using PressDeck.Connectors.X;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.X;

[Trait("Issue", "4")]
public sealed class XRecordedPayloadsTests
{
    [Fact]
    public void Stream_lines_give_posts_and_refusals_by_line_number()
    {
        using var file = File.OpenRead(SharedFixtures.PathOf("x/filtered_stream_sample.ndjson"));

        var items = XRecordedPayloads.Read(file).ToList();

        Assert.Equal([1L, 3L, 5L], items.Select(item => item.Line));
        Assert.Equal("catperson", items[0].Post?.Author.Handle);
        Assert.Contains("no author_id", items[1].Refusal, StringComparison.Ordinal);
        Assert.Equal("no post: X reported operational-disconnect: This stream has been disconnected upstream for operational reasons. (UpstreamOperationalDisconnect)", items[2].Refusal);
    }

    [Fact]
    public void A_response_document_gives_its_posts_numbered_in_order()
    {
        using var file = File.OpenRead(SharedFixtures.PathOf("x/docs_examples/search_recent_with_expansions.json"));

        var items = XRecordedPayloads.Read(file).ToList();

        Assert.Equal([1L, 2L, 3L], items.Select(item => item.Line));
        Assert.Equal(["1271111223220809728", "1270799243071062016", "1270417572001976322"], items.Select(item => item.Post?.RemoteId));
    }

    [Fact]
    public void Recorded_exchanges_are_read_through_their_response_bodies()
    {
        using var file = File.OpenRead(SharedFixtures.PathOf("x/search_recent.json"));

        var items = XRecordedPayloads.Read(file).ToList();

        Assert.Equal(Enumerable.Range(1, 10).Select(number => (long)number), items.Select(item => item.Line));
        Assert.Equal("post 1578516068309794817 has no author_id (the request did not ask for expansions=author_id), so its author is unknown", items[0].Refusal);
        Assert.All(items, item => Assert.EndsWith("so its author is unknown", item.Refusal, StringComparison.Ordinal));
    }

    [Fact]
    public void Garbage_lines_are_refused_by_line_and_the_good_lines_around_them_are_read()
    {
        var good = SharedFixtures.Lines("x/filtered_stream_sample.ndjson")[0].TrimEnd('\r');
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(good + "\n{\"data\": nope\n"));
        bytes.AddRange([0xC3, 0x28, (byte)'\n']);
        bytes.AddRange(Encoding.UTF8.GetBytes("\n\"just a string\"\r\n" + good));

        var items = XRecordedPayloads.Read(new MemoryStream([.. bytes])).ToList();

        Assert.Equal(
            [(1L, null), (2L, "malformed JSON"), (3L, "the payload is not valid UTF-8"), (5L, "the payload is not a JSON object"), (6L, null)],
            items.Select(item => (item.Line, item.Refusal is null ? null : item.Refusal.StartsWith("malformed JSON", StringComparison.Ordinal) ? "malformed JSON" : item.Refusal)));
        Assert.NotNull(items[^1].Post);
    }

    [Fact]
    public void A_single_malformed_document_is_one_refusal_and_an_empty_file_is_nothing()
    {
        var malformed = XRecordedPayloads.Read(new MemoryStream(Encoding.UTF8.GetBytes("{\"data\": [ {\"id\": \"1\"}"))).ToList();
        var empty = XRecordedPayloads.Read(new MemoryStream()).ToList();

        var refusal = Assert.Single(malformed);
        Assert.Equal(1, refusal.Line);
        Assert.StartsWith("malformed JSON", refusal.Refusal, StringComparison.Ordinal);
        Assert.Empty(empty);
    }

    [Fact]
    public void An_overlong_line_is_refused_without_being_held_whole()
    {
        var good = SharedFixtures.Lines("x/filtered_stream_sample.ndjson")[0].TrimEnd('\r');
        var huge = "{\"data\":{\"text\":\"" + new string('a', XStreamClient.MaxLineBytes) + "\"}}";

        var items = XRecordedPayloads.Read(new MemoryStream(Encoding.UTF8.GetBytes(huge + "\n" + good + "\n"))).ToList();

        Assert.Equal("the line is longer than 1,048,576 bytes", items[0].Refusal);
        Assert.Equal("catperson", items[1].Post?.Author.Handle);
    }
}
