namespace PressDeck.Cli;

/// <summary>
/// Reads a stream of bytes line by line without decoding it, so that a line with invalid UTF-8 can be reported and
/// skipped rather than silently repaired. Lines end at <c>\n</c>; a <c>\r</c> before it is dropped, so CRLF files read
/// the same. Memory stays bounded by the longest line: a line longer than <see cref="MaxLineBytes"/> is skipped and
/// reported through <see cref="IsTooLong"/>. Not thread-safe.
/// </summary>
internal sealed class Utf8LineReader
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;

    // Bytes from _start to _scanned are known to hold no '\n'; a long line is searched once, not once per read.
    private int _scanned;
    private bool _isEndOfStream;
    private bool _isSkippingLongLine;

    public Utf8LineReader(Stream stream, int maxLineBytes, int initialBufferBytes = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maxLineBytes, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialBufferBytes, 1);
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(initialBufferBytes, maxLineBytes + 1)];
    }

    public int MaxLineBytes => _maxLineBytes;

    /// <summary>The 1-based number of the line last read.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The line last read, without its line break; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>True when the line last read was longer than <see cref="MaxLineBytes"/>; <see cref="Line"/> is then empty.</summary>
    public bool IsTooLong { get; private set; }

    /// <summary>Reads the next line; false at the end of the stream.</summary>
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _scanned + newline;
                SetLine(_start, lineEnd);
                _start = lineEnd + 1;
                _scanned = _start;
                return true;
            }

            _scanned = _end;
            if (_isEndOfStream)
            {
                if (_start == _end && !_isSkippingLongLine)
                {
                    Line = ReadOnlyMemory<byte>.Empty;
                    return false;
                }

                SetLine(_start, _end);
                _start = _end;
                return true;
            }

            if (_end - _start > _maxLineBytes)
            {
                // Keep counting the line's bytes as skipped until its end is found, but keep none of them.
                _isSkippingLongLine = true;
                _start = _end = _scanned = 0;
            }

            MakeRoomToRead();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                _isEndOfStream = true;
            }
            else
            {
                _end += read;
            }
        }
    }

    private void SetLine(int start, int end)
    {
        LineNumber++;
        IsTooLong = _isSkippingLongLine || end - start > _maxLineBytes;
        _isSkippingLongLine = false;
        if (IsTooLong)
        {
            Line = ReadOnlyMemory<byte>.Empty;
            return;
        }

        if (end > start && _buffer[end - 1] == '\r')
        {
            end--;
        }

        Line = _buffer.AsMemory(start, end - start);
    }

    private void MakeRoomToRead()
    {
        if (_start > 0)
        {
            var length = _end - _start;
            _buffer.AsSpan(_start, length).CopyTo(_buffer);
            _scanned -= _start;
            _start = 0;
            _end = length;
        }

        if (_end == _buffer.Length)
        {
            // At most one byte past the limit is ever needed to know that a line is too long.
            var size = (int)Math.Min((long)_buffer.Length * 2, _maxLineBytes + 1L);
            if (size > _buffer.Length)
            {
                Array.Resize(ref _buffer, size);
            }
        }
    }
}
