using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace PressDeck.Connectors.X;

/// <summary>
/// Reads a recorded X file for <c>pressdeck import --network x</c>: either one API v2 response document (search,
/// lookup, mentions, list posts), a JSON array of such documents (or of recorded exchanges whose
/// <c>response.body</c> is one), or filtered-stream lines (one JSON object per line, keep-alive blank lines).
/// Every post goes through <see cref="XTweetReader"/>, as live ones do. Items are numbered by line for stream lines
/// and by the post's position in the file for documents; what cannot be read is refused with that number and the
/// reason, and reading goes on. Never throws on bad content.
/// </summary>
public static class XRecordedPayloads
{
    /// <summary>The largest file read as one document; a larger file is read as lines.</summary>
    public const int MaxDocumentBytes = XTweetReader.MaxDocumentBytes;

    public static IEnumerable<RecordedItem> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadIterator(stream);
    }

    private static IEnumerable<RecordedItem> ReadIterator(Stream stream)
    {
        var prefix = ReadPrefix(stream, MaxDocumentBytes + 1);
        var ended = prefix.Length <= MaxDocumentBytes;
        if (ended)
        {
            if (TryParseDocument(prefix, out var document, out var documentError, out var lineCount))
            {
                using (document)
                {
                    // TryParseDocument returns a document whenever it returns true.
                    foreach (var item in ReadDocuments(document!.RootElement))
                    {
                        yield return item;
                    }
                }

                yield break;
            }

            if (lineCount <= 1)
            {
                if (documentError is not null)
                {
                    yield return RecordedItem.Refused(1, documentError);
                }

                yield break;
            }
        }

        var splitter = new NdjsonLineSplitter(XStreamClient.MaxLineBytes);
        var lines = new List<NdjsonLine>();
        splitter.Add(prefix, lines);
        if (ended)
        {
            splitter.Finish(lines);
        }

        var buffer = new byte[64 * 1024];
        while (true)
        {
            foreach (var line in lines)
            {
                foreach (var item in ReadLine(line))
                {
                    yield return item;
                }
            }

            lines.Clear();
            if (ended)
            {
                yield break;
            }

            var read = stream.Read(buffer);
            if (read == 0)
            {
                splitter.Finish(lines);
                ended = true;
            }
            else
            {
                splitter.Add(buffer.AsSpan(0, read), lines);
            }
        }
    }

    private static List<RecordedItem> ReadLine(NdjsonLine line)
    {
        if (line.IsTooLong)
        {
            return [RecordedItem.Refused(line.Number, $"the line is longer than {XStreamClient.MaxLineBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes")];
        }

        // Utf8 is set on every line that is not too long.
        if (!XTweetReader.TryRead(line.Utf8!, out var result, out var error))
        {
            return [RecordedItem.Refused(line.Number, error!)];
        }

        // TryRead returns a result whenever it returns true.
        return Items(result!, _ => line.Number, line.Number);
    }

    private static List<RecordedItem> ReadDocuments(JsonElement root)
    {
        var items = new List<RecordedItem>();
        var first = 1L;
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                Add(root);
                break;
            case JsonValueKind.Array:
                foreach (var element in root.EnumerateArray())
                {
                    // A recorded exchange ({request, response: {status, body}}) holds the document in response.body.
                    var body = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("response", out var response)
                        && response.ValueKind == JsonValueKind.Object && response.TryGetProperty("body", out var inner) ? inner : element;
                    Add(body);
                }

                break;
            default:
                items.Add(RecordedItem.Refused(1, "the file is neither an X API response (a JSON object) nor a list of them"));
                break;
        }

        return items;

        void Add(JsonElement document)
        {
            if (!XTweetReader.TryRead(document, out var result, out var error))
            {
                items.Add(RecordedItem.Refused(first++, error!));
                return;
            }

            // TryRead returns a result whenever it returns true.
            var start = first;
            var added = Items(result!, index => start + index - 1, start).ToList();
            items.AddRange(added);
            first += Math.Max(1, result!.Posts.Count + result.Refusals.Count);
        }
    }

    /// <summary>
    /// The posts and refusals of one read payload, in <c>data</c> order; X's own problems (partial errors, stream
    /// notices) are reported as refusals of the payload, since they carry no post.
    /// </summary>
    private static List<RecordedItem> Items(XReadResult result, Func<int, long> numberOf, long payloadNumber)
    {
        var items = new List<(int Index, RecordedItem Item)>();
        var refused = result.Refusals.Select(refusal => refusal.Index).ToHashSet();
        var index = 0;
        foreach (var post in result.Posts)
        {
            do
            {
                index++;
            }
            while (refused.Contains(index));
            items.Add((index, new RecordedItem(numberOf(index), Post: post)));
        }

        items.AddRange(result.Refusals.Select(refusal => (refusal.Index, RecordedItem.Refused(numberOf(refusal.Index), refusal.Reason))));
        var ordered = items.OrderBy(item => item.Index).Select(item => item.Item).ToList();
        ordered.AddRange(result.Problems.Select(problem => RecordedItem.Refused(payloadNumber, "no post: X reported " + problem.Describe())));
        return ordered;
    }

    private static byte[] ReadPrefix(Stream stream, int limit)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (memory.Length < limit)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - memory.Length));
            if (read == 0)
            {
                break;
            }

            memory.Write(buffer, 0, read);
        }

        return memory.ToArray();
    }

    /// <summary>The whole file as one JSON value; false (with the parser's complaint) when it is not one, e.g. stream lines.</summary>
    private static bool TryParseDocument(byte[] bytes, out JsonDocument? document, out string? error, out int lineCount)
    {
        document = null;
        var content = bytes.AsSpan();
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        lineCount = 0;
        for (var rest = content; !rest.IsEmpty;)
        {
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            if (!line.Trim(" \t\r"u8).IsEmpty)
            {
                lineCount++;
            }

            rest = newline < 0 ? [] : rest[(newline + 1)..];
        }

        if (content.Trim(" \t\r\n"u8).IsEmpty)
        {
            error = null;
            return false;
        }

        if (!Utf8.IsValid(content))
        {
            error = "the file is not valid UTF-8";
            return false;
        }

        try
        {
            document = JsonDocument.Parse(content.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            var message = exception.Message;
            var end = message.IndexOf(". ", StringComparison.Ordinal);
            error = $"malformed JSON ({(end < 0 ? message.TrimEnd('.') : message[..end])})";
            return false;
        }
    }
}
