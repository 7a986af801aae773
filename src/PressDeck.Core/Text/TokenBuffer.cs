namespace PressDeck.Core.Text;

/// <summary>Receives word tokens as the tokeniser cuts them.</summary>
internal interface ITokenSink
{
    void Add(ReadOnlySpan<char> token);
}

/// <summary>Collects tokens as strings (the query parser's words).</summary>
internal readonly struct StringListSink(List<string> tokens) : ITokenSink
{
    public void Add(ReadOnlySpan<char> token) => tokens.Add(token.ToString());
}

/// <summary>A <see cref="TokenBuffer"/> as a struct, so that the tokeniser is compiled for it and calls it directly.</summary>
internal readonly struct TokenBufferSink(TokenBuffer buffer) : ITokenSink
{
    public void Add(ReadOnlySpan<char> token) => buffer.Add(token);
}

/// <summary>
/// Collects a post's tokens into one text, joined by single spaces, and the position where each starts: the text is
/// the archive's index text as it stands, and a token is a slice of it, so analysing a post allocates no string per
/// token. Reused per thread by the analyser; not thread-safe.
/// </summary>
internal sealed class TokenBuffer
{
    private char[] _text = new char[512];
    private int _length;
    private int[] _starts = new int[64];

    public int Count { get; private set; }

    public void Clear()
    {
        _length = 0;
        Count = 0;
    }

    public void Add(ReadOnlySpan<char> token)
    {
        var destination = Reserve(token.Length);
        token.CopyTo(destination);
    }

    /// <summary>Adds an ASCII token in lower case.</summary>
    public void AddAsciiLower(ReadOnlySpan<char> token)
    {
        var destination = Reserve(token.Length);
        System.Text.Ascii.ToLower(token, destination, out _);
    }

    public string ToText() => new(_text, 0, _length);

    public int[] ToStarts() => _starts.AsSpan(0, Count).ToArray();

    private Span<char> Reserve(int tokenLength)
    {
        var separator = Count > 0 ? 1 : 0;
        var needed = _length + separator + tokenLength;
        if (needed > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(needed, _text.Length * 2));
        }

        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
        }

        if (separator == 1)
        {
            _text[_length++] = ' ';
        }

        _starts[Count++] = _length;
        var destination = _text.AsSpan(_length, tokenLength);
        _length += tokenLength;
        return destination;
    }
}
