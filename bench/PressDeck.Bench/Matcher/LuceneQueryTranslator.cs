using Lucene.Net.Index;
using Lucene.Net.Search;
using PressDeck.Core.Query;

namespace PressDeck.Bench.Matcher;

/// <summary>
/// Translates a parsed query into a Lucene query over the fields <see cref="LucenePercolator"/> indexes. Exact for
/// words, phrases, prefixes, hashtags, mentions, <c>from:</c>, <c>lang:</c>, AND, OR and NOT (every query of the
/// matcher workload): the text field holds the analyser's own tokens with a placeholder where a mention or link
/// was, so a <see cref="PhraseQuery"/> is exactly <c>ContainsPhrase</c>. Other clauses (<c>to:</c>, <c>list:</c>,
/// <c>network:</c>, <c>url:</c>, links, <c>has:</c>, <c>is:</c>) are not translated: the query is reported as not
/// expressible.
/// </summary>
public static class LuceneQueryTranslator
{
    public const string TextField = "text";
    public const string HashtagField = "hashtag";
    public const string MentionField = "mention";
    public const string AuthorField = "author";
    public const string LanguageField = "lang";

    /// <summary>The Lucene query meaning the same as <paramref name="query"/>, or null if it cannot be expressed exactly.</summary>
    public static Query? TryTranslate(QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(query);
        switch (query)
        {
            case AndNode conjunction:
                var all = new BooleanQuery();
                foreach (var operand in conjunction.Operands)
                {
                    var negated = operand is NotNode not;
                    var translated = TryTranslate(negated ? ((NotNode)operand).Operand : operand);
                    if (translated is null)
                    {
                        return null;
                    }

                    all.Add(translated, negated ? Occur.MUST_NOT : Occur.MUST);
                }

                return all;
            case OrNode disjunction:
                var any = new BooleanQuery();
                foreach (var operand in disjunction.Operands)
                {
                    var translated = TryTranslate(operand);
                    if (translated is null)
                    {
                        return null;
                    }

                    any.Add(translated, Occur.SHOULD);
                }

                return any;
            case NotNode negation:
                // A lone MUST_NOT matches nothing in Lucene: it needs something positive to subtract from.
                var inner = TryTranslate(negation.Operand);
                return inner is null
                    ? null
                    : new BooleanQuery { { new MatchAllDocsQuery(), Occur.MUST }, { inner, Occur.MUST_NOT } };
            case WordNode word:
                return new TermQuery(new Term(TextField, word.Word));
            case PhraseNode phrase:
                var phraseQuery = new PhraseQuery();
                foreach (var phraseWord in phrase.Words)
                {
                    phraseQuery.Add(new Term(TextField, phraseWord));
                }

                return phraseQuery;
            case PrefixNode prefix:
                return new PrefixQuery(new Term(TextField, prefix.Prefix));
            case HashtagNode hashtag:
                return new TermQuery(new Term(HashtagField, hashtag.Tag));
            case MentionNode mention:
                return new TermQuery(new Term(MentionField, mention.Handle));
            case FromNode from:
                return new TermQuery(new Term(AuthorField, from.Handle));
            case LangNode lang:
                return new TermQuery(new Term(LanguageField, lang.Code));
            default:
                return null;
        }
    }
}
