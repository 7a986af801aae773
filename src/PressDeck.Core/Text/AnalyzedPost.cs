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
    private readonly int[] _tokenStarts;
    private string[]? _tokens;

    internal AnalyzedPost(
        Network network,
        string authorHandle,
        string tokenText,
        int[] tokenStarts,
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
        _tokenStarts = tokenStarts;
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

            var made = new string[_tokenStarts.Length];
            for (var index = 0; index < made.Length; index++)
            {
                made[index] = TokenAt(index).ToString();
            }

            return Interlocked.CompareExchange(ref _tokens, made, null) ?? made;
        }
    }

    /// <summary>How many tokens there are.</summary>
    public int TokenCount => _tokenStarts.Length;

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
    public ReadOnlySpan<char> TokenAt(int index)
    {
        var start = _tokenStarts[index];
        var end = index + 1 < _tokenStarts.Length ? _tokenStarts[index + 1] - 1 : _tokenText.Length;
        return _tokenText.AsSpan(start, end - start);
    }

    internal string TokenText => _tokenText;

    internal int[] TokenStarts => _tokenStarts;

    /// <summary>True when <paramref name="word"/> occurs as a token.</summary>
    public bool ContainsWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        for (var index = 0; index < _tokenStarts.Length; index++)
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

        for (var start = 0; start + words.Count <= _tokenStarts.Length; start++)
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
        for (var index = 0; index < _tokenStarts.Length; index++)
        {
            if (TokenAt(index).StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
