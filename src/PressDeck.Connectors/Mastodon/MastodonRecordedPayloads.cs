using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Reads a recorded Mastodon file for <c>pressdeck import --network mastodon FILE</c>: a Status JSON document, a
/// JSON array of statuses or of notifications, a search result (<c>{"statuses":[…]}</c>), a context
/// (<c>{"ancestors":[…],"descendants":[…]}</c>), JSON lines (WebSocket stream messages, statuses or notifications, one
/// per line), or a server-sent events capture. Every payload becomes a post, a delete, or a refusal with its line (for
/// line formats) or item number (for documents) and the reason. Never throws on bad content; a delete can only be
/// matched to a status read earlier in the same file, because the stream's deletes name the server's id, not the URI.
/// </summary>
public static class MastodonRecordedPayloads
{
    /// <summary>A whole JSON document larger than this is refused (line formats are read line by line, without limit).</summary>
    public const int MaxDocumentBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Reads <paramref name="stream"/> lazily. <paramref name="serverHost"/> completes local accounts' handles when the
    /// file came from a known server; without it, the host of each account's own address does.
    /// </summary>
    public static IEnumerable<RecordedItem> Read(Stream stream, string? serverHost = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var ids = new MastodonStatusIds();
        using var lines = new ByteLines(stream, MastodonStreamEventReader.MaxMessageBytes);
        var first = lines.Next();
        while (first is { Bytes.Length: 0 } || (first is { Bytes: { } blank } && blank.AsSpan().Trim(" \t"u8).Length == 0))
        {
            first = lines.Next();
        }

        if (first is null)
        {
            yield break;
        }

        ReadOnlySpan<byte> start = first.Bytes is { } firstBytes ? firstBytes : [];
        if (start.StartsWith("\uFEFF"u8))
        {
            start = start[3..];
        }

        start = start.TrimStart(" \t"u8);

        var head = start.Length > 0 ? start[0] : (byte)0;
        if (head == '[' || (head == '{' && !IsCompleteJson(start)))
        {
            foreach (var item in ReadDocument(first, start.ToArray(), lines, serverHost, ids))
            {
                yield return item;
            }

            yield break;
        }

        if (head == '{')
        {
            // One JSON object alone is a document (its items numbered); more than one line of them are JSON lines.
            var second = lines.Next();
            while (second is { TooLong: false, Bytes: { } bytes } && bytes.AsSpan().Trim(" \t"u8).Length == 0)
            {
                second = lines.Next();
            }

            var items = second is null
                ? ReadDocument(first, start.ToArray(), lines, serverHost, ids)
                : ReadJsonLines([first, second], lines, serverHost, ids);
            foreach (var item in items)
            {
                yield return item;
            }

            yield break;
        }

        foreach (var item in ReadServerSentEvents(first, lines, serverHost, ids))
        {
            yield return item;
        }
    }

    private static IEnumerable<RecordedItem> ReadDocument(ByteLine first, byte[] firstBytes, ByteLines lines, string? serverHost, MastodonStatusIds ids)
    {
        using var buffer = new MemoryStream();
        buffer.Write(firstBytes);
        var tooLarge = first.TooLong;
        for (var line = lines.Next(); line is not null && !tooLarge; line = lines.Next())
        {
            if (line.TooLong || buffer.Length + (line.Bytes?.Length ?? 0) + 1 > MaxDocumentBytes)
            {
                tooLarge = true;
                break;
            }

            buffer.WriteByte((byte)'\n');
            buffer.Write(line.Bytes);
        }

        if (tooLarge)
        {
            yield return RecordedItem.Refused(1, $"the document is larger than the {MaxDocumentBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes allowed");
            yield break;
        }

        var bytes = buffer.ToArray();
        if (!Utf8.IsValid(bytes))
        {
            yield return RecordedItem.Refused(1, "the document is not valid UTF-8");
            yield break;
        }

        var document = Parse(bytes, out var parseError);
        if (document is null)
        {
            yield return RecordedItem.Refused(1, parseError!);
            yield break;
        }

        using (document)
        {
            var number = 0L;
            foreach (var element in Elements(document.RootElement))
            {
                number++;
                yield return ReadElement(element, number, serverHost, ids);
            }
        }
    }

    private static IEnumerable<RecordedItem> ReadJsonLines(ByteLine[] firstLines, ByteLines lines, string? serverHost, MastodonStatusIds ids)
    {
        var pending = new Queue<ByteLine>(firstLines);
        for (var line = pending.Dequeue(); line is not null; line = pending.Count > 0 ? pending.Dequeue() : lines.Next())
        {
            if (line.TooLong)
            {
                yield return RecordedItem.Refused(line.Number, $"the line is longer than the {MastodonStreamEventReader.MaxMessageBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes allowed");
                continue;
            }

            var bytes = line.Bytes!.AsSpan().Trim(" \t"u8);
            if (line.Number == 1 && bytes.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }

            if (bytes.Length == 0)
            {
                continue;
            }

            if (!Utf8.IsValid(bytes))
            {
                yield return RecordedItem.Refused(line.Number, "the line is not valid UTF-8");
                continue;
            }

            var document = Parse(bytes.ToArray(), out var parseError);
            if (document is null)
            {
                yield return RecordedItem.Refused(line.Number, parseError!);
                continue;
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event", out _))
                {
                    yield return FromEvent(MastodonStreamEventReader.ReadWebSocketMessage(bytes, serverHost, ids), line.Number);
                }
                else
                {
                    foreach (var element in Elements(root))
                    {
                        yield return ReadElement(element, line.Number, serverHost, ids);
                    }
                }
            }
        }
    }

    private static IEnumerable<RecordedItem> ReadServerSentEvents(ByteLine first, ByteLines lines, string? serverHost, MastodonStatusIds ids)
    {
        var parser = new MastodonServerSentEventParser();
        for (var line = first; ; line = lines.Next())
        {
            string text;
            if (line is null)
            {
                // The end of the file ends the last event as a blank line would.
                text = "";
            }
            else if (line.TooLong)
            {
                yield return RecordedItem.Refused(line.Number, $"the line is longer than the {MastodonStreamEventReader.MaxMessageBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes allowed");
                continue;
            }
            else if (!Utf8.IsValid(line.Bytes))
            {
                yield return RecordedItem.Refused(line.Number, "the line is not valid UTF-8");
                continue;
            }
            else
            {
                text = Encoding.UTF8.GetString(line.Bytes!).TrimEnd('\r');
                if (line.Number == 1)
                {
                    text = text.TrimStart('\uFEFF');
                }

                if (text.Length > 0 && text[0] != ':' && !text.StartsWith("event", StringComparison.Ordinal) && !text.StartsWith("data", StringComparison.Ordinal)
                    && !text.StartsWith("id", StringComparison.Ordinal) && !text.StartsWith("retry", StringComparison.Ordinal))
                {
                    yield return RecordedItem.Refused(line.Number, "neither JSON nor a server-sent events line");
                    continue;
                }
            }

            if (parser.TryAddLine(text, out var completed))
            {
                if (completed!.RefusedBecause is { } refused)
                {
                    yield return RecordedItem.Refused(completed.Line, refused);
                }
                else
                {
                    yield return FromEvent(MastodonStreamEventReader.ReadEvent(completed.Name, completed.Data, serverHost, ids), completed.Line);
                }
            }

            if (line is null)
            {
                yield break;
            }
        }
    }

    /// <summary>The items of a document: an array's elements, a search result's statuses, a context's ancestors and descendants, or the object itself.</summary>
    private static List<JsonElement> Elements(JsonElement root) => root.ValueKind switch
    {
        // Recorded HTTP exchanges (a test suite's cassette, an HTTP archive export): what each response carried.
        JsonValueKind.Array when root.GetArrayLength() > 0 && root.EnumerateArray().All(IsRecordedExchange) =>
            [.. root.EnumerateArray().SelectMany(exchange => ResponseBody(exchange) is { } body ? Elements(body) : [])],
        JsonValueKind.Array => [.. root.EnumerateArray()],
        JsonValueKind.Object when root.TryGetProperty("statuses", out var statuses) && statuses.ValueKind == JsonValueKind.Array => [.. statuses.EnumerateArray()],
        JsonValueKind.Object when root.TryGetProperty("ancestors", out var ancestors) && ancestors.ValueKind == JsonValueKind.Array =>
            [.. ancestors.EnumerateArray(), .. root.TryGetProperty("descendants", out var descendants) && descendants.ValueKind == JsonValueKind.Array ? descendants.EnumerateArray() : default],
        _ => [root],
    };

    private static bool IsRecordedExchange(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("request", out _)
        && element.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object;

    /// <summary>A recorded response's body: JSON as recorded, or JSON kept as a string; null when it holds none.</summary>
    private static JsonElement? ResponseBody(JsonElement exchange)
    {
        if (!exchange.GetProperty("response").TryGetProperty("body", out var body))
        {
            return null;
        }

        if (body.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            return body;
        }

        if (body.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.GetString()!);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A status, a notification (its status), or a stream message given as an object.</summary>
    private static RecordedItem ReadElement(JsonElement element, long number, string? serverHost, MastodonStatusIds ids)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return RecordedItem.Refused(number, "not a JSON object");
        }

        if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && !element.TryGetProperty("content", out _))
        {
            if (type.GetString() is "subscribe" or "unsubscribe")
            {
                return RecordedItem.Refused(number, $"a client's {type.GetString()} message, not an event");
            }

            if (!MastodonStatusReader.TryReadNotification(element, serverHost, out var notification, out var notificationError))
            {
                return RecordedItem.Refused(number, notificationError!);
            }

            if (notification!.Status is not { } notified)
            {
                return RecordedItem.Refused(number, $"the {notification.Type} notification {notification.Id} carries no status (a follow, or a status that is gone)");
            }

            ids.Learn(notified.Id, notified.Post.RemoteId);
            return new RecordedItem(number, Post: notified.Post);
        }

        if (MastodonStatusReader.String(element, "error") is { } serverError && !element.TryGetProperty("id", out _))
        {
            return RecordedItem.Refused(number, $"an error from the server: {MastodonStatusReader.Shorten(serverError)}");
        }

        if (!MastodonStatusReader.TryRead(element, serverHost, out var status, out var error))
        {
            return RecordedItem.Refused(number, error!);
        }

        ids.Learn(status!.Id, status.Post.RemoteId);
        return new RecordedItem(number, Post: status.Post);
    }

    private static RecordedItem FromEvent(MastodonStreamEvent streamEvent, long number) => streamEvent switch
    {
        MastodonStatusEvent status => new RecordedItem(number, Post: status.Status.Post),
        MastodonDeleteEvent { RemoteId: { } remoteId } => new RecordedItem(number, DeletedRemoteId: remoteId),
        MastodonDeleteEvent delete => RecordedItem.Refused(number, $"a delete of status {delete.StatusId}, which is not earlier in this file: a Mastodon delete names only the server's id, not the post's URI"),
        MastodonNotificationEvent { Notification.Status: { } notified } => new RecordedItem(number, Post: notified.Post),
        MastodonNotificationEvent notification => RecordedItem.Refused(number, $"the {notification.Notification.Type} notification {notification.Notification.Id} carries no status"),
        MastodonRefusedEvent refused => RecordedItem.Refused(number, refused.Reason),
        MastodonOtherEvent other => RecordedItem.Refused(number, $"a {other.EventName} event, which carries no post"),
        _ => RecordedItem.Refused(number, "an event PressDeck does not read"),
    };

    private static JsonDocument? Parse(byte[] utf8, out string? error)
    {
        try
        {
            error = null;
            return JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            error = $"malformed JSON ({MastodonStatusReader.FirstSentence(exception.Message)})";
            return null;
        }
    }

    /// <summary>True when the line holds a whole JSON value, or is broken beyond repair; false when it is the start of a longer document.</summary>
    private static bool IsCompleteJson(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 }));
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject)
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            // Broken JSON on the first line: read as JSON lines, so the line is refused and the rest still read.
            return true;
        }
    }

    private sealed record ByteLine(long Number, byte[]? Bytes, bool TooLong);

    /// <summary>Splits a stream into lines of bytes (without <c>\n</c>), each at most <c>maxBytes</c>; a longer one is skipped to its end and marked.</summary>
    private sealed class ByteLines(Stream stream, int maxBytes) : IDisposable
    {
        private readonly BufferedStream _input = new(stream, 64 * 1024);
        private readonly MemoryStream _line = new();
        private long _number;

        public ByteLine? Next()
        {
            _line.SetLength(0);
            var tooLong = false;
            var any = false;
            while (true)
            {
                var value = _input.ReadByte();
                if (value < 0)
                {
                    return any ? Finish(tooLong) : null;
                }

                any = true;
                if (value == '\n')
                {
                    return Finish(tooLong);
                }

                if (_line.Length >= maxBytes)
                {
                    tooLong = true;
                    _line.SetLength(0);
                }

                if (!tooLong)
                {
                    _line.WriteByte((byte)value);
                }
            }
        }

        public void Dispose()
        {
            _line.Dispose();
            _input.Dispose();
        }

        private ByteLine Finish(bool tooLong)
        {
            _number++;
            var bytes = _line.ToArray();
            if (bytes.Length > 0 && bytes[^1] == '\r')
            {
                bytes = bytes[..^1];
            }

            return new ByteLine(_number, tooLong ? null : bytes, tooLong);
        }
    }
}
