using System.Collections.Frozen;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// A 256-bit set of a post's low-selectivity facts: its network, its <see cref="PostFlag"/>s and its languages (every
/// ISO 639-1 code <c>lang:</c> accepts has a bit). A query's top-level <c>network:</c>, <c>lang:</c>, <c>is:</c> and
/// <c>has:</c> clauses become required or forbidden bits, checked with four AND operations before a candidate is
/// evaluated: these clauses are too common to index, yet too selective to leave to full evaluation.
/// </summary>
internal struct AttributeSet
{
    private const int FlagBase = 8;
    private const int LanguageBase = 16;

    private static readonly FrozenDictionary<string, int> LanguageBits = LanguageCodes.All
        .Order(StringComparer.Ordinal)
        .Select((code, index) => (code, index))
        .ToFrozenDictionary(pair => pair.code, pair => LanguageBase + pair.index, StringComparer.Ordinal);

    // The same bits by the two letters of a code, at (first - 'a') * 26 + (second - 'a'): found for every post without
    // hashing a string. 0 where there is no code (bit 0 is a network's, never a language's).
    private static readonly byte[] TwoLetterLanguageBits = BuildTwoLetterLanguageBits();

    private ulong _bits0;
    private ulong _bits1;
    private ulong _bits2;
    private ulong _bits3;

    public readonly bool IsEmpty => (_bits0 | _bits1 | _bits2 | _bits3) == 0;

    /// <summary>The bit of a clause that an attribute can decide, or -1 (a <c>lang:</c> code with no bit).</summary>
    public static int BitOf(ClauseNode clause) => clause switch
    {
        NetworkNode network => (int)network.Network,
        IsNode @is => FlagBase + (int)(@is.Filter switch
        {
            IsFilter.Reply => PostFlag.Reply,
            IsFilter.Quote => PostFlag.Quote,
            _ => PostFlag.Repost,
        }),
        HasNode has => FlagBase + (int)(has.Filter switch
        {
            HasFilter.Links => PostFlag.Links,
            HasFilter.Media => PostFlag.Media,
            HasFilter.Images => PostFlag.Images,
            _ => PostFlag.Video,
        }),
        LangNode lang => LanguageBits.TryGetValue(lang.Code, out var bit) ? bit : -1,
        _ => -1,
    };

    /// <summary>The attributes of a post; <paramref name="languages"/> are its primary language subtags.</summary>
    public static AttributeSet Of(AnalyzedPost post, string[] languages)
    {
        var set = default(AttributeSet);
        set.Add((int)post.Network);
        AddFlag(ref set, PostFlag.Reply, post.IsReply);
        AddFlag(ref set, PostFlag.Quote, post.IsQuote);
        AddFlag(ref set, PostFlag.Repost, post.IsRepost);
        AddFlag(ref set, PostFlag.Links, post.HasLinks);
        AddFlag(ref set, PostFlag.Media, post.HasMedia);
        AddFlag(ref set, PostFlag.Images, post.HasImages);
        AddFlag(ref set, PostFlag.Video, post.HasVideo);
        foreach (var language in languages)
        {
            if (language.Length == 2
                && (uint)(language[0] - 'a') < 26
                && (uint)(language[1] - 'a') < 26
                && TwoLetterLanguageBits[((language[0] - 'a') * 26) + (language[1] - 'a')] is var bit and > 0)
            {
                set.Add(bit);
            }
        }

        return set;
    }

    private static byte[] BuildTwoLetterLanguageBits()
    {
        var bits = new byte[26 * 26];
        foreach (var (code, bit) in LanguageBits)
        {
            bits[((code[0] - 'a') * 26) + (code[1] - 'a')] = checked((byte)bit);
        }

        return bits;
    }

    public void Add(int bit)
    {
        var mask = 1UL << (bit & 63);
        switch (bit >> 6)
        {
            case 0:
                _bits0 |= mask;
                break;
            case 1:
                _bits1 |= mask;
                break;
            case 2:
                _bits2 |= mask;
                break;
            default:
                _bits3 |= mask;
                break;
        }
    }

    public readonly bool ContainsAll(in AttributeSet required) =>
        (_bits0 & required._bits0) == required._bits0
        && (_bits1 & required._bits1) == required._bits1
        && (_bits2 & required._bits2) == required._bits2
        && (_bits3 & required._bits3) == required._bits3;

    public readonly bool Overlaps(in AttributeSet other) =>
        ((_bits0 & other._bits0) | (_bits1 & other._bits1) | (_bits2 & other._bits2) | (_bits3 & other._bits3)) != 0;

    private static void AddFlag(ref AttributeSet set, PostFlag flag, bool isSet)
    {
        if (isSet)
        {
            set.Add(FlagBase + (int)flag);
        }
    }
}
