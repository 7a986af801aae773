namespace PressDeck.Connectors.X;

/// <summary>
/// Splits bytes into lines (LF or CRLF), never holding more than <see cref="MaxLineBytes"/> of one line: a longer
/// line is skipped to its end and reported as too long. Lines that are empty or only white space (X's keep-alive
/// <c>\r\n</c>) are counted but not returned. Not thread-safe; one per stream.
/// </summary>
internal sealed class NdjsonLineSplitter(int maxLineBytes)
{
    private byte[] _buffer = new byte[Math.Min(maxLineBytes, 16 * 1024)];
    private int _length;
    private bool _tooLong;

    public int MaxLineBytes => maxLineBytes;

    /// <summary>The 1-based number of the line being read.</summary>
    public long LineNumber { get; private set; } = 1;

    /// <summary>Keep-alive (blank) lines seen so far.</summary>
    public long KeepAlives { get; private set; }

    /// <summary>Adds a chunk; every line it completes is added to <paramref name="lines"/>.</summary>
    public void Add(ReadOnlySpan<byte> chunk, List<NdjsonLine> lines)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var part = newline < 0 ? chunk : chunk[..newline];
            Append(part);
            if (newline < 0)
            {
                return;
            }

            Complete(lines);
            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>The last line, when the bytes ended without a line break.</summary>
    public void Finish(List<NdjsonLine> lines)
    {
        if (_length > 0 || _tooLong)
        {
            Complete(lines);
        }
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_tooLong)
        {
            return;
        }

        if (_length + part.Length > maxLineBytes)
        {
            _tooLong = true;
            _length = 0;
            return;
        }

        if (_length + part.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(maxLineBytes, Math.Max(_buffer.Length * 2, _length + part.Length)));
        }

        part.CopyTo(_buffer.AsSpan(_length));
        _length += part.Length;
    }

    private void Complete(List<NdjsonLine> lines)
    {
        var number = LineNumber++;
        if (_tooLong)
        {
            lines.Add(new NdjsonLine(number, null, true));
        }
        else
        {
            var content = _buffer.AsSpan(0, _length).Trim(" \t\r"u8);
            if (content.IsEmpty)
            {
                KeepAlives++;
            }
            else
            {
                lines.Add(new NdjsonLine(number, content.ToArray(), false));
            }
        }

        _length = 0;
        _tooLong = false;
    }
}

/// <summary>One non-blank line: its number and bytes, or <see cref="IsTooLong"/> with no bytes.</summary>
internal readonly record struct NdjsonLine(long Number, byte[]? Utf8, bool IsTooLong);
