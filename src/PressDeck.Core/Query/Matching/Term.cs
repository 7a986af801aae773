namespace PressDeck.Core.Query.Matching;

/// <summary>
/// One presearch term: something a post either has or has not, found by a dictionary lookup. <see cref="Value"/>
/// holds the text for text kinds; <see cref="Code"/> the enumeration value for <see cref="TermKind.Network"/> and
/// <see cref="TermKind.Flag"/>.
/// </summary>
internal readonly record struct Term(TermKind Kind, string Value, int Code = 0)
{
    /// <summary>
    /// Prefix clauses are indexed under their first three UTF-16 units, the minimum prefix length of the language
    /// (three code points are at least three units, and a token starting with the prefix starts with these units).
    /// </summary>
    public const int PrefixBucketLength = 3;

    /// <summary>Joins the two words of a <see cref="TermKind.Bigram"/>; never inside a token.</summary>
    public const char BigramSeparator = ' ';

    public static Term Bigram(string first, string second) => new(TermKind.Bigram, string.Concat(first, " ", second));
}
