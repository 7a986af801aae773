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

    // Start and hash of each token: two ints a token (a token ends one character before the next starts).
    private int[] _data = new int[128];

    public int Count { get; private set; }

    /// <summary>The filter of the tokens added since <see cref="Clear"/>.</summary>
    public TokenFilter Filter { get; private set; }

    public void Clear()
    {
        _length = 0;
        Count = 0;
        Filter = default;
    }

    public void Add(ReadOnlySpan<char> token)
    {
        var destination = Reserve(token.Length);
        token.CopyTo(destination);
        Hash(destination);
    }

    /// <summary>Adds an ASCII token in lower case.</summary>
    public void AddAsciiLower(ReadOnlySpan<char> token)
    {
        var destination = Reserve(token.Length);
        Record(TokenHash.OfAsciiLowered(token, destination));
    }

    public string ToText() => new(_text, 0, _length);

    /// <summary>Start and <see cref="TokenHash"/> of each token, two ints a token.</summary>
    public int[] ToData() => _data.AsSpan(0, Count * 2).ToArray();

    private Span<char> Reserve(int tokenLength)
    {
        var separator = Count > 0 ? 1 : 0;
        var needed = _length + separator + tokenLength;
        if (needed > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(needed, _text.Length * 2));
        }

        if ((Count + 1) * 2 > _data.Length)
        {
            Array.Resize(ref _data, _data.Length * 2);
        }

        if (separator == 1)
        {
            _text[_length++] = ' ';
        }

        _data[Count * 2] = _length;
        var destination = _text.AsSpan(_length, tokenLength);
        _length += tokenLength;
        return destination;
    }

    private void Hash(ReadOnlySpan<char> token) => Record(TokenHash.Of(token));

    private void Record(int hash)
    {
        _data[(Count * 2) + 1] = hash;
        var filter = Filter;
        filter.Add(hash);
        Filter = filter;
        Count++;
    }
}
