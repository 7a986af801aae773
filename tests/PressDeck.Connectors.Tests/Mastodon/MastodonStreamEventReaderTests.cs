using System.Text;
using PressDeck.Connectors.Mastodon;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Mastodon;

[Trait("Issue", "4")]
public sealed class MastodonStreamEventReaderTests
{
    [Fact]
    public void Reads_the_recorded_websocket_messages_with_their_payload_parsed_again()
    {
        var ids = new MastodonStatusIds();
        var events = SharedFixtures.Lines("mastodon/streaming_ws_sample.jsonl")
            .Select(line => MastodonStreamEventReader.ReadWebSocketMessage(Encoding.UTF8.GetBytes(line), "mastodon.social", ids))
            .ToList();

        var update = Assert.IsType<MastodonStatusEvent>(events[0]);
        Assert.False(update.IsEdit);
        Assert.Equal("108913983692647032", update.Status.Id);
        Assert.Equal("tobtobxx@fosstodon.org", update.Status.Post.Author.Handle);
        Assert.Equal("And now I can't exit the inner nvim because I mapped escape to the parent vim instance 😂", update.Status.Post.Text);
        Assert.True(update.Status.Post.IsReply);
        Assert.Equal(new MastodonDeleteEvent("106692867363994015", null), events[1]);
        Assert.Equal(new MastodonOtherEvent("filters_changed"), events[2]);
        Assert.Equal("https://fosstodon.org/users/tobtobxx/statuses/108913983628474640", ids.Find("108913983692647032"));
    }

    [Fact]
    public void A_delete_of_a_status_read_before_names_its_remote_id()
    {
        var ids = new MastodonStatusIds();
        var line = SharedFixtures.Lines("mastodon/streaming_ws_sample.jsonl")[0];
        MastodonStreamEventReader.ReadWebSocketMessage(Encoding.UTF8.GetBytes(line), null, ids);

        var delete = MastodonStreamEventReader.ReadWebSocketMessage("{\"stream\":[\"public\"],\"event\":\"delete\",\"payload\":\"108913983692647032\"}"u8, null, ids);

        Assert.Equal(new MastodonDeleteEvent("108913983692647032", "https://fosstodon.org/users/tobtobxx/statuses/108913983628474640"), delete);
    }

    [Fact]
    public void Reads_the_recorded_server_sent_events_and_skips_comments()
    {
        var parser = new MastodonServerSentEventParser();
        var events = new List<MastodonStreamEvent>();
        foreach (var line in File.ReadAllLines(SharedFixtures.PathOf("mastodon/streaming_sse_sample.txt")))
        {
            if (parser.TryAddLine(line, out var completed))
            {
                events.Add(MastodonStreamEventReader.ReadEvent(completed!.Name, completed.Data, "mastodon.social", null));
            }
        }

        Assert.Equal(11, events.Count);
        Assert.Equal(3, events.OfType<MastodonStatusEvent>().Count(e => !e.IsEdit));
        Assert.Equal(2, events.OfType<MastodonStatusEvent>().Count(e => e.IsEdit));
        Assert.Equal("107214471804101576", Assert.Single(events.OfType<MastodonDeleteEvent>()).StatusId);
        var notification = Assert.Single(events.OfType<MastodonNotificationEvent>()).Notification;
        Assert.Equal("mention", notification.Type);
        Assert.Equal("a@pl.nulled.red", notification.Account.Handle);
        Assert.Equal("@trwnh@mastodon.social test", notification.Status!.Post.Text);
        Assert.Equal(["filters_changed", "announcement", "announcement.reaction", "announcement.delete"], events.OfType<MastodonOtherEvent>().Select(e => e.EventName));
        var edit = events.OfType<MastodonStatusEvent>().First(e => e.IsEdit).Status.Post;
        Assert.Equal("admin@mastodon.social", edit.Author.Handle);
        Assert.Equal("edited", edit.Text);
        Assert.Equal(new DateTime(2022, 11, 15, 16, 7, 29, 23, DateTimeKind.Utc), edit.EditedAt);
    }

    [Fact]
    public void Several_data_lines_are_joined_and_an_oversized_event_is_refused_whole()
    {
        var parser = new MastodonServerSentEventParser(maxDataChars: 20);
        Assert.False(parser.TryAddLine("event: delete", out _));
        Assert.False(parser.TryAddLine("data: 12", out _));
        Assert.False(parser.TryAddLine("data: 34", out _));
        Assert.True(parser.TryAddLine("", out var joined));
        Assert.Equal(new MastodonServerSentEvent("delete", "12\n34", 1, null), joined);

        Assert.False(parser.TryAddLine("event: update", out _));
        Assert.False(parser.TryAddLine("data: " + new string('x', 30), out _));
        Assert.True(parser.TryAddLine("", out var refused));
        Assert.Equal("an event with more than 20 characters of data", refused!.RefusedBecause);
    }

    [Theory]
    [InlineData("this is not json", "malformed JSON")]
    [InlineData("[1,2]", "a message that is not a JSON object")]
    [InlineData("{\"stream\":[\"public\"],\"payload\":\"x\"}", "a message without an \"event\"")]
    [InlineData("{\"error\":\"Unknown stream type\",\"status\":400}", "the server reported an error: Unknown stream type (status 400)")]
    [InlineData("{\"stream\":[\"public\"],\"event\":\"update\",\"payload\":\"{\\\"id\\\": broken\"}", "update: malformed JSON")]
    [InlineData("{\"stream\":[\"public\"],\"event\":\"update\"}", "an update event without a status")]
    [InlineData("{\"stream\":[\"public\"],\"event\":\"delete\",\"payload\":\"\"}", "a delete event without a status id")]
    [InlineData("{\"stream\":[\"user\"],\"event\":\"notification\",\"payload\":\"{}\"}", "notification: the notification has no \"id\" or \"type\"")]
    public void Garbage_messages_are_refused_with_the_reason(string message, string reason)
    {
        var refused = Assert.IsType<MastodonRefusedEvent>(MastodonStreamEventReader.ReadWebSocketMessage(Encoding.UTF8.GetBytes(message), null, null));
        Assert.StartsWith(reason, refused.Reason, StringComparison.Ordinal);
    }
}
