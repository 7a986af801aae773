using PressDeck.Core.Lists;
using PressDeck.Core.Text;

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// The parts of one <see cref="AnalyzedPost"/> that matching reads, as arrays so that the hot loops index them
/// without interface calls or enumerators. One per thread, reloaded for every post; not thread-safe.
/// </summary>
internal sealed class PostView
{
    // Load runs before anything reads these two, so the null placeholders are never seen.
    public AnalyzedPost Post { get; private set; } = null!;

    public IListDirectory Lists { get; private set; } = null!;

    /// <summary>The tokens joined by spaces (<see cref="AnalyzedPost.IndexText"/>); see <see cref="Token"/>.</summary>
    public string TokenText { get; private set; } = "";

    public int TokenCount { get; private set; }

    public string[] Hashtags { get; private set; } = [];

    public string[] Mentions { get; private set; } = [];

    public string[] Languages { get; private set; } = [];

    public LinkTarget[] Links { get; private set; } = [];

    public AttributeSet Attributes { get; private set; }

    /// <summary>
    /// The post's token filter: a word whose bit is clear is not among the tokens, so most word and phrase checks (and
    /// most negations) end without reading the tokens.
    /// </summary>
    public TokenFilter Filter;

    // Start and hash of each token, two ints a token (the analyser's own array).
    private int[] _tokenData = [];

    /// <summary>The token at <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Token(int index) => AnalyzedPost.TokenSlice(TokenText, _tokenData, index);

    /// <summary><see cref="TokenHash.Of"/> of the token at <paramref name="index"/>.</summary>
    public int TokenHashAt(int index) => _tokenData[(2 * index) + 1];

    public void Load(AnalyzedPost post, IListDirectory lists)
    {
        Post = post;
        Lists = lists;

        // The analyser exposes its arrays as read-only lists; the copies are a fallback that never runs today.
        Hashtags = post.Hashtags as string[] ?? [.. post.Hashtags];
        Mentions = post.Mentions as string[] ?? [.. post.Mentions];
        Languages = post.Languages as string[] ?? [.. post.Languages];
        Links = post.Links as LinkTarget[] ?? [.. post.Links];
        Attributes = AttributeSet.Of(post, Languages);

        // The analyser hashed the tokens as it wrote them.
        TokenText = post.TokenText;
        _tokenData = post.TokenData;
        TokenCount = post.TokenCount;
        Filter = post.TokenFilter;
    }
}
