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

    /// <summary>Where each token starts in <see cref="TokenText"/>; longer than <see cref="TokenCount"/> (reused).</summary>
    public int[] TokenStarts { get; private set; } = new int[64];

    /// <summary>Each token's length; longer than <see cref="TokenCount"/> (reused).</summary>
    public int[] TokenLengths { get; private set; } = new int[64];

    public string[] Hashtags { get; private set; } = [];

    public string[] Mentions { get; private set; } = [];

    public string[] Languages { get; private set; } = [];

    public LinkTarget[] Links { get; private set; } = [];

    public AttributeSet Attributes { get; private set; }

    /// <summary><see cref="TermHash.Of"/> of each token, by position; longer than <see cref="TokenCount"/> (reused).</summary>
    public int[] TokenHashes { get; private set; } = new int[64];

    /// <summary>
    /// A 256-bit filter of the tokens' hashes: a word whose bit is clear is not among the tokens, so most word and
    /// phrase checks (and most negations) end without reading the tokens.
    /// </summary>
    public TokenFilter Filter;

    /// <summary>The token at <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Token(int index) => TokenText.AsSpan(TokenStarts[index], TokenLengths[index]);

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

        var text = post.TokenText;
        var starts = post.TokenStarts;
        var count = starts.Length;
        if (TokenHashes.Length < count)
        {
            var length = Math.Max(count, TokenHashes.Length * 2);
            TokenHashes = new int[length];
            TokenStarts = new int[length];
            TokenLengths = new int[length];
        }

        TokenText = text;
        TokenCount = count;
        var hashes = TokenHashes;
        var viewStarts = TokenStarts;
        var lengths = TokenLengths;
        Filter = default;
        for (var index = 0; index < count; index++)
        {
            var start = starts[index];
            var end = index + 1 < count ? starts[index + 1] - 1 : text.Length;
            viewStarts[index] = start;
            lengths[index] = end - start;
            var hash = TermHash.Of(text.AsSpan(start, end - start));
            hashes[index] = hash;
            Filter.Add(hash);
        }
    }
}

/// <summary>256 bits, indexed by the top byte of a token hash (the table slots use the low bits).</summary>
internal struct TokenFilter
{
    private Bits _bits;

    public void Add(int hash)
    {
        var bit = (uint)hash >> 24;
        _bits[(int)(bit >> 6)] |= 1UL << (int)(bit & 63);
    }

    public readonly bool MayContain(int hash)
    {
        var bit = (uint)hash >> 24;
        return (_bits[(int)(bit >> 6)] & (1UL << (int)(bit & 63))) != 0;
    }

    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct Bits
    {
        private ulong _element;
    }
}
