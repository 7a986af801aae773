using PressDeck.Core.Posts;

namespace PressDeck.Core.Text;

/// <summary>
/// A post as the query language sees it (QUERY-LANGUAGE.md sections 1 and 2): normalised word tokens in order,
/// entities, author, languages, network, kind and media flags. Immutable and thread-safe once built by
/// <see cref="PostAnalyzer.Analyze"/>.
/// </summary>
public sealed class AnalyzedPost
{
    /// <summary>Stands in the token sequence where a mention or a link was, so that phrases do not run across it.</summary>
    public const char EntityPlaceholder = '\uE000';

    /// <summary><see cref="EntityPlaceholder"/> as a token.</summary>
    public static readonly string EntityPlaceholderToken = EntityPlaceholder.ToString();

    private readonly string _tokenText;

    // Start and TokenHash of each token: two ints a token (a token ends one character before the next starts).
    private readonly int[] _tokenData;
    private readonly TokenFilter _tokenFilter;
    private string[]? _tokens;

    internal AnalyzedPost(
        Network network,
        string authorHandle,
        string tokenText,
        int[] tokenData,
        TokenFilter tokenFilter,
        string[] hashtags,
        string[] mentions,
        LinkTarget[] links,
        string[] languages,
        bool isReply,
        bool isQuote,
        bool isRepost,
        string? replyToHandle,
        bool hasImages,
        bool hasVideo)
    {
        Network = network;
        AuthorHandle = authorHandle;
        _tokenText = tokenText;
        _tokenData = tokenData;
        _tokenFilter = tokenFilter;
        Hashtags = hashtags;
        Mentions = mentions;
        Links = links;
        Languages = languages;
        IsReply = isReply;
        IsQuote = isQuote;
        IsRepost = isRepost;
        ReplyToHandle = replyToHandle;
        HasImages = hasImages;
        HasVideo = hasVideo;
    }

    public Network Network { get; }

    /// <summary>The author's handle, lower case, without <c>@</c>.</summary>
    public string AuthorHandle { get; }

    /// <summary>Normalised word tokens in text order; a mention or link is one <see cref="EntityPlaceholderToken"/>.</summary>
    /// <remarks>Made on first use: matching and indexing read the tokens as slices of <see cref="IndexText"/>.</remarks>
    public IReadOnlyList<string> Tokens
    {
        get
        {
            if (_tokens is { } tokens)
            {
                return tokens;
            }

            var made = new string[TokenCount];
            for (var index = 0; index < made.Length; index++)
            {
                made[index] = TokenAt(index).ToString();
            }

            return Interlocked.CompareExchange(ref _tokens, made, null) ?? made;
        }
    }

    /// <summary>How many tokens there are.</summary>
    public int TokenCount => _tokenData.Length / 2;

    /// <summary>Distinct normalised hashtag bodies (without <c>#</c>), in order of appearance.</summary>
    public IReadOnlyList<string> Hashtags { get; }

    /// <summary>Distinct mentioned handles, lower case, without <c>@</c>, in order of appearance.</summary>
    public IReadOnlyList<string> Mentions { get; }

    /// <summary>Distinct links, from the text and from the network.</summary>
    public IReadOnlyList<LinkTarget> Links { get; }

    /// <summary>Distinct primary language subtags, lower case (<c>en-GB</c> → <c>en</c>).</summary>
    public IReadOnlyList<string> Languages { get; }

    public bool IsReply { get; }

    public bool IsQuote { get; }

    public bool IsRepost { get; }

    /// <summary>For a reply: the handle replied to, lower case, if known.</summary>
    public string? ReplyToHandle { get; }

    public bool HasImages { get; }

    /// <summary>True for a video or a GIF.</summary>
    public bool HasVideo { get; }

    public bool HasMedia => HasImages || HasVideo;

    public bool HasLinks => Links.Count > 0;

    /// <summary>
    /// The token stream for a full-text index: tokens joined by single spaces, each mention or link written as
    /// <see cref="EntityPlaceholder"/>, so token positions match <see cref="Tokens"/>. Every token is one token for
    /// SQLite FTS5's <c>ascii</c> tokenizer (tokens hold no ASCII punctuation or space).
    /// </summary>
    public string IndexText => _tokenText;

    /// <summary>Hashtag bodies joined by spaces (they may contain <c>_</c>, which the index keeps inside a token).</summary>
    public string IndexHashtags => string.Join(' ', Hashtags);

    /// <summary>Mentioned handles joined by spaces (they may contain <c>_ . - @</c>, kept inside a token by the index).</summary>
    public string IndexMentions => string.Join(' ', Mentions);

    /// <summary>The token at <paramref name="index"/>, as a slice of <see cref="IndexText"/>.</summary>
    public ReadOnlySpan<char> TokenAt(int index) => TokenSlice(_tokenText, _tokenData, index);

    internal string TokenText => _tokenText;

    internal int[] TokenData => _tokenData;

    internal TokenFilter TokenFilter => _tokenFilter;

    /// <summary>A token of <paramref name="text"/> from its token data (start and hash, two ints a token).</summary>
    internal static ReadOnlySpan<char> TokenSlice(string text, int[] data, int index)
    {
        var start = data[2 * index];
        var end = (2 * index) + 2 < data.Length ? data[(2 * index) + 2] - 1 : text.Length;
        return text.AsSpan(start, end - start);
    }

    /// <summary>True when <paramref name="word"/> occurs as a token.</summary>
    public bool ContainsWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        for (var index = 0; index < TokenCount; index++)
        {
            if (TokenAt(index).SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="words"/> occur consecutively, in order.</summary>
    public bool ContainsPhrase(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            return true;
        }

        for (var start = 0; start + words.Count <= TokenCount; start++)
        {
            var matches = true;
            for (var offset = 0; offset < words.Count && matches; offset++)
            {
                matches = TokenAt(start + offset).SequenceEqual(words[offset]);
            }

            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when some word token starts with <paramref name="prefix"/>.</summary>
    public bool ContainsWordWithPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        for (var index = 0; index < TokenCount; index++)
        {
            if (TokenAt(index).StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
