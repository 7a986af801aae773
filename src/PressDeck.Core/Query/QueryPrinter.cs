using System.Text;
using PressDeck.Core.Posts;

namespace PressDeck.Core.Query;

/// <summary>Writes a query back as text: canonical query text, or a plain rendering for people.</summary>
public static class QueryPrinter
{
    /// <summary>
    /// The canonical query text of <paramref name="query"/>: normalised values, implicit AND, parentheses only where
    /// needed. For any tree the parser produced, <c>QueryParser.Parse(Print(q)).Query == q</c>.
    /// </summary>
    public static string Print(QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var builder = new StringBuilder();
        Write(builder, query, explain: false);
        return builder.ToString();
    }

    /// <summary>
    /// How the query was understood, with the grouping made visible: <c>skills bill OR apprentices</c> is explained as
    /// <c>(skills AND bill) OR apprentices</c>, and <c>-leak</c> as <c>NOT leak</c>. Not meant to be parsed back.
    /// </summary>
    public static string Explain(QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var builder = new StringBuilder();
        Write(builder, query, explain: true);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, QueryNode node, bool explain)
    {
        switch (node)
        {
            case AndNode conjunction:
                WriteOperands(builder, conjunction.Operands, explain ? " AND " : " ", operand => operand is AndNode or OrNode, explain);
                break;
            case OrNode disjunction:
                WriteOperands(builder, disjunction.Operands, " OR ", operand => operand is OrNode || (explain && operand is AndNode), explain);
                break;
            case NotNode negation:
                builder.Append(explain ? "NOT " : "-");
                WriteOperand(builder, negation.Operand, negation.Operand is AndNode or OrNode || (!explain && negation.Operand is NotNode), explain);
                break;
            case ClauseNode clause:
                WriteClause(builder, clause);
                break;
            default:
                throw new ArgumentException($"Unknown query node {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteOperands(StringBuilder builder, IEnumerable<QueryNode> operands, string separator, Func<QueryNode, bool> needsParentheses, bool explain)
    {
        var first = true;
        foreach (var operand in operands)
        {
            if (!first)
            {
                builder.Append(separator);
            }

            first = false;
            WriteOperand(builder, operand, needsParentheses(operand), explain);
        }
    }

    private static void WriteOperand(StringBuilder builder, QueryNode operand, bool parenthesise, bool explain)
    {
        if (parenthesise)
        {
            builder.Append('(');
        }

        Write(builder, operand, explain);
        if (parenthesise)
        {
            builder.Append(')');
        }
    }

    private static void WriteClause(StringBuilder builder, ClauseNode clause)
    {
        switch (clause)
        {
            case WordNode word:
                builder.Append(word.Word);
                break;
            case PhraseNode phrase:
                builder.Append('"').AppendJoin(' ', phrase.Words).Append('"');
                break;
            case PrefixNode prefix:
                builder.Append(prefix.Prefix).Append('*');
                break;
            case HashtagNode hashtag:
                builder.Append('#').Append(hashtag.Tag);
                break;
            case MentionNode mention:
                builder.Append('@').Append(mention.Handle);
                break;
            case FromNode from:
                builder.Append("from:").Append(from.Handle);
                break;
            case ToNode to:
                builder.Append("to:").Append(to.Handle);
                break;
            case ListNode list:
                builder.Append("list:");
                if (list.Name.Length == 0 || list.Name.Any(character => char.IsWhiteSpace(character) || character is '(' or ')' or '"'))
                {
                    builder.Append('"').Append(list.Name).Append('"');
                }
                else
                {
                    builder.Append(list.Name);
                }

                break;
            case LangNode lang:
                builder.Append("lang:").Append(lang.Code);
                break;
            case NetworkNode network:
                builder.Append("network:").Append(NetworkName(network.Network));
                break;
            case UrlNode url:
                builder.Append("url:").Append(url.Host).Append(url.PathPrefix);
                break;
            case LinkPageNode page:
                builder.Append("https://").Append(page.Host).Append(page.Path);
                break;
            case HasNode has:
                builder.Append("has:").Append(has.Filter switch
                {
                    HasFilter.Links => "links",
                    HasFilter.Media => "media",
                    HasFilter.Images => "images",
                    _ => "video",
                });
                break;
            case IsNode @is:
                builder.Append("is:").Append(@is.Filter switch
                {
                    IsFilter.Reply => "reply",
                    IsFilter.Quote => "quote",
                    _ => "repost",
                });
                break;
            default:
                throw new ArgumentException($"Unknown clause {clause.GetType().Name}.", nameof(clause));
        }
    }

    // The network: value of a network (X is written x).
    private static string NetworkName(Network network) => network switch
    {
        Network.Bluesky => "bluesky",
        Network.Mastodon => "mastodon",
        Network.X => "x",
        Network.Rss => "rss",
        Network.Demo => "demo",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Unknown network."),
    };
}
