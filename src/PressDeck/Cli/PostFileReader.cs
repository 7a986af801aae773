using System.Globalization;
using System.Runtime.CompilerServices;
using PressDeck.Core.Ingest;
using PressDeck.Core.Posts;

namespace PressDeck.Cli;

/// <summary>
/// Streams the posts of a batch-format file (QUERY-LANGUAGE.md section 6, one JSON object per line) in file order.
/// Blank lines are ignored; a line that is not a valid post is reported on <c>diagnostics</c> with its line number
/// and reason, and skipped. Only one line is held in memory at a time.
/// </summary>
internal sealed class PostFileReader(Stream stream, string fileName, TextWriter diagnostics)
{
    /// <summary>How many non-blank lines were skipped because they were not valid posts.</summary>
    public int SkippedLines { get; private set; }

    public async IAsyncEnumerable<Post> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lines = new Utf8LineReader(stream, PostLimits.MaxPayloadBytes);
        while (await lines.ReadLineAsync(cancellationToken))
        {
            var reason = Read(lines, out var post);
            if (post is not null)
            {
                yield return post;
            }
            else if (reason is not null)
            {
                SkippedLines++;
                await diagnostics.WriteLineAsync($"warning: {fileName} line {lines.LineNumber.ToString(CultureInfo.InvariantCulture)} skipped: {reason}".AsMemory(), cancellationToken);
            }
        }
    }

    /// <summary>The post on the current line, or why it is not one; neither for a blank line.</summary>
    private static string? Read(Utf8LineReader lines, out Post? post)
    {
        post = null;
        if (lines.IsTooLong)
        {
            return $"the line is longer than {lines.MaxLineBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes";
        }

        var line = lines.Line.Span;
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return null;
        }

        if (!PostJsonReader.TryRead(line, out var read, out var error) || read is null)
        {
            return error ?? "not a valid post";
        }

        // Output is one id per line, or "queryId<TAB>postId": an id that would break that layout is refused.
        if (read.RemoteId.AsSpan().IndexOfAny('\t', '\r', '\n') >= 0)
        {
            return "the id contains a tab or a line break";
        }

        post = read;
        return null;
    }
}
