using PressDeck.Core.Lists;
using PressDeck.Core.Text;

namespace PressDeck.Core.Query;

/// <summary>
/// A query turned once into a tree of matching delegates, to match many posts cheaply. Means exactly what
/// <see cref="ReferenceEvaluator"/> means. Immutable and thread-safe.
/// </summary>
public sealed class CompiledQuery
{
    private readonly Func<AnalyzedPost, IListDirectory, bool> _matches;

    private CompiledQuery(QueryNode query, Func<AnalyzedPost, IListDirectory, bool> matches)
    {
        Query = query;
        _matches = matches;
    }

    /// <summary>The query this was compiled from.</summary>
    public QueryNode Query { get; }

    /// <summary>Compiles a parsed query; compile once, then match many posts from any thread.</summary>
    public static CompiledQuery Compile(QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new CompiledQuery(query, CompileNode(query));
    }

    /// <summary>True when <paramref name="post"/> matches; same answer as <see cref="ReferenceEvaluator.Matches"/>.</summary>
    public bool Matches(AnalyzedPost post, IListDirectory lists)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(lists);
        return _matches(post, lists);
    }

    public override string ToString() => Query.ToString();

    private static Func<AnalyzedPost, IListDirectory, bool> CompileNode(QueryNode node)
    {
        switch (node)
        {
            case AndNode conjunction:
                var all = conjunction.Operands.Select(CompileNode).ToArray();
                return (post, lists) =>
                {
                    foreach (var operand in all)
                    {
                        if (!operand(post, lists))
                        {
                            return false;
                        }
                    }

                    return true;
                };
            case OrNode disjunction:
                var any = disjunction.Operands.Select(CompileNode).ToArray();
                return (post, lists) =>
                {
                    foreach (var operand in any)
                    {
                        if (operand(post, lists))
                        {
                            return true;
                        }
                    }

                    return false;
                };
            case NotNode negation:
                var negated = CompileNode(negation.Operand);
                return (post, lists) => !negated(post, lists);
            case WordNode word:
                var text = word.Word;
                return (post, _) => post.ContainsWord(text);
            case PhraseNode phrase:
                var words = phrase.Words.ToArray();
                return (post, _) => post.ContainsPhrase(words);
            case PrefixNode prefix:
                var start = prefix.Prefix;
                return (post, _) => post.ContainsWordWithPrefix(start);
            default:
                // The remaining clauses are cheap lookups on the analysed post already.
                return (post, lists) => ReferenceEvaluator.Matches(node, post, lists);
        }
    }
}
