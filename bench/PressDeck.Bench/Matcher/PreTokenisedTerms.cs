using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace PressDeck.Bench.Matcher;

/// <summary>
/// Feeds tokens PressDeck's analyser already produced to Lucene one by one, at consecutive positions, so that Lucene
/// indexes exactly the tokens the matcher sees (no second, different tokeniser).
/// </summary>
public sealed class PreTokenisedTerms : TokenStream
{
    private readonly IReadOnlyList<string> _terms;
    private readonly ICharTermAttribute _term;
    private int _next;

    public PreTokenisedTerms(IReadOnlyList<string> terms)
    {
        _terms = terms;
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_next >= _terms.Count)
        {
            return false;
        }

        _term.SetEmpty().Append(_terms[_next++]);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }
}
