using System.Globalization;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// Reads a saved RSS, Atom or JSON Feed document for <c>pressdeck import --network rss FILE</c>, through the same
/// parser and item reader as the live poller: one <see cref="RecordedItem"/> per item (<see cref="RecordedItem.Line"/>
/// = the item number), or one refusal (item 0) when the document cannot be read at all.
/// </summary>
public static class FeedRecordedPayloads
{
    /// <summary>
    /// Reads the document in <paramref name="stream"/>. The feed's handle is <paramref name="handle"/> when given, else
    /// made from the feed's title; items without a date get the time of reading from <paramref name="time"/>.
    /// </summary>
    public static IEnumerable<RecordedItem> Read(Stream stream, string? handle = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var bytes = ReadLimited(stream, out var tooLarge);
        if (tooLarge)
        {
            return [RecordedItem.Refused(0, $"the document is larger than the {FeedDocumentParser.MaxDocumentBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes allowed")];
        }

        if (!FeedDocumentParser.TryParse(bytes, httpCharset: null, out var document, out var error))
        {
            return [RecordedItem.Refused(0, error!)];
        }

        // TryParse returned true, so document is set.
        return FeedItemReader.Read(document!, feedUrl: null, FeedHandle.For(handle, document!.Title, null), now);
    }

    private static byte[] ReadLimited(Stream stream, out bool tooLarge)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > FeedDocumentParser.MaxDocumentBytes)
            {
                tooLarge = true;
                return [];
            }

            buffer.Write(chunk, 0, read);
        }

        tooLarge = false;
        return buffer.ToArray();
    }
}
