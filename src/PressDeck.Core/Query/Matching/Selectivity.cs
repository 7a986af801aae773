namespace PressDeck.Core.Query.Matching;

/// <summary>
/// Rough guesses of how often a term or clause occurs in a post, used only to choose which terms to index and in
/// which order to evaluate operands; never for the meaning of a query. Longer words are rarer (true of natural
/// language and of the benchmark vocabulary); entities and handles are rarer than words; network, language, kind
/// and media facts are common.
/// </summary>
internal static class Selectivity
{
    /// <summary>Terms at least this common are weak: indexed only when a query has nothing better.</summary>
    public const double WeakThreshold = 0.1;

    private const double Rarest = 1e-6;

    public static double Of(Term term) => term.Kind switch
    {
        TermKind.Word => OfWord(term.Value),
        TermKind.Bigram => OfBigram(term.Value),
        TermKind.PrefixBucket => 0.08,
        TermKind.Hashtag => Math.Max(Rarest, OfWord(term.Value) * 0.1),
        TermKind.Mention => 1e-3,
        TermKind.Author => 1e-4,
        TermKind.ReplyTo => 1e-3,
        TermKind.Host => 1e-2 / Math.Max(1, term.Value.Count(character => character == '.')),
        TermKind.Language => term.Value == "en" ? 0.6 : 0.2,
        TermKind.Network => 0.3,
        _ => (PostFlag)term.Code is PostFlag.Quote or PostFlag.Video ? 0.1 : 0.3,
    };

    /// <summary>How often a node matches, guessed from its leaves; operands are treated as independent.</summary>
    public static double Of(QueryNode node)
    {
        switch (node)
        {
            case AndNode conjunction:
                var all = 1.0;
                foreach (var operand in conjunction.Operands)
                {
                    all *= Of(operand);
                }

                return all;
            case OrNode disjunction:
                var any = 0.0;
                foreach (var operand in disjunction.Operands)
                {
                    any += Of(operand);
                }

                return Math.Min(1, any);
            case NotNode negation:
                return 1 - Of(negation.Operand);
            case PhraseNode phrase:
                var phraseProbability = 1.0;
                foreach (var word in phrase.Words)
                {
                    phraseProbability = Math.Min(phraseProbability, OfWord(word));
                }

                return phraseProbability * 0.5;
            case ListNode:
                return 0.05;
            case LinkPageNode page:
                return Of(new Term(TermKind.Host, page.Host)) * 0.5;
            default:
                var term = PresearchPlanner.TermOf((ClauseNode)node);
                return term is { } known ? Of(known) : 0.5;
        }
    }

    /// <summary>Rarer than either of its words, but not as rare as if they were independent (collocations are common).</summary>
    private static double OfBigram(string bigram)
    {
        var separator = bigram.IndexOf(Term.BigramSeparator, StringComparison.Ordinal);
        return Math.Max(Rarest, 0.3 * Math.Min(OfWord(bigram[..separator]), OfWord(bigram[(separator + 1)..])));
    }

    private static double OfWord(string word) => Math.Max(Rarest, 0.2 * Math.Pow(0.55, Math.Max(0, word.Length - 1)));
}
