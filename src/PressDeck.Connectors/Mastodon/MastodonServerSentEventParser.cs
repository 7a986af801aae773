using System.Text;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Splits a <c>text/event-stream</c> into events, one line at a time (the SSE framing that Mastodon's streaming server
/// writes: <c>event:</c> and <c>data:</c> lines, a blank line ending each event, <c>:</c> comments such as the
/// <c>:thump</c> heartbeat). Several <c>data:</c> lines are joined with a line break, as the SSE spec says. An event
/// whose data grows past the limit is dropped whole and reported. Not thread-safe: one per stream.
/// </summary>
public sealed class MastodonServerSentEventParser(int maxDataChars = MastodonStreamEventReader.MaxMessageBytes)
{
    private readonly StringBuilder _data = new();
    private string? _eventName;
    private bool _hasData;
    private bool _tooLarge;
    private long _firstLine;
    private long _line;

    /// <summary>
    /// Takes the next line (without its line break). True when the line completed an event, which is then in
    /// <paramref name="completed"/>: its name (<c>message</c> when none was given), its data, the line it began on,
    /// and the reason when it is refused.
    /// </summary>
    public bool TryAddLine(string line, out MastodonServerSentEvent? completed)
    {
        ArgumentNullException.ThrowIfNull(line);
        _line++;
        completed = null;
        if (line.Length == 0)
        {
            if (_eventName is null && !_hasData && !_tooLarge)
            {
                return false;
            }

            completed = _tooLarge
                ? new MastodonServerSentEvent(_eventName ?? "message", "", _firstLine, $"an event with more than {maxDataChars} characters of data")
                : new MastodonServerSentEvent(_eventName ?? "message", _hasData ? _data.ToString() : null, _firstLine, null);
            _data.Clear();
            _eventName = null;
            _hasData = false;
            _tooLarge = false;
            return true;
        }

        if (line[0] == ':')
        {
            return false;
        }

        if (_eventName is null && !_hasData && !_tooLarge)
        {
            _firstLine = _line;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? "" : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        // id and retry are not used by Mastodon; any other field is ignored, as the spec says.
        switch (field)
        {
            case "event":
                _eventName = value;
                break;
            case "data":
                if (_tooLarge || _data.Length + value.Length + 1 > maxDataChars)
                {
                    _tooLarge = true;
                    _data.Clear();
                    break;
                }

                if (_hasData)
                {
                    _data.Append('\n');
                }

                _data.Append(value);
                _hasData = true;
                break;
        }

        return false;
    }
}
