using System.Text;
using PressDeck.Core.Query;

namespace PressDeck.Data.Sqlite.Archive;

/// <summary>
/// Turns a parsed query into an FTS5 expression over <c>PostsFts</c> (columns <c>words</c>, <c>tags</c>, <c>mentions</c>,
/// fed with Core's token stream) that every matching post satisfies. Only what is implied is translated: a negation,
/// or an OR with an operand FTS cannot express, narrows nothing, and the evaluator decides the rest.
/// </summary>
internal static class FtsQueryTranslator
{
    public static FtsNarrowing Translate(QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var operands = query is AndNode and ? and.Operands.AsEnumerable() : [query];
        var networks = operands.OfType<NetworkNode>().Select(n => n.Network).Distinct().ToList();
        var author = operands.OfType<FromNode>().Select(f => f.Handle).FirstOrDefault();
        return new FtsNarrowing(ToFts(query), networks.Count == 1 ? networks : null, author);
    }

    private static string? ToFts(QueryNode node) => node switch
    {
        WordNode word => $"words : {Quote(word.Word)}",
        PhraseNode phrase => $"words : {Quote(string.Join(' ', phrase.Words))}",
        PrefixNode prefix => $"words : {Quote(prefix.Prefix)}*",
        HashtagNode hashtag => $"tags : {Quote(hashtag.Tag)}",
        MentionNode mention => $"mentions : {Quote(mention.Handle)}",
        AndNode and => JoinAnd(and),
        OrNode or => JoinOr(or),
        _ => null,
    };

    private static string? JoinAnd(AndNode and)
    {
        var parts = and.Operands.Select(ToFts).OfType<string>().ToList();
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => "(" + string.Join(" AND ", parts) + ")",
        };
    }

    private static string? JoinOr(OrNode or)
    {
        var parts = new List<string>(or.Operands.Length);
        foreach (var operand in or.Operands)
        {
            var part = ToFts(operand);
            if (part is null)
            {
                // One branch FTS cannot see could match anything: the OR narrows nothing.
                return null;
            }

            parts.Add(part);
        }

        return "(" + string.Join(" OR ", parts) + ")";
    }

    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        builder.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        builder.Append('"');
        return builder.ToString();
    }
}
