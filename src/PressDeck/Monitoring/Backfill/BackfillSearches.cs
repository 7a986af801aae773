using PressDeck.Core.Posts;
using PressDeck.Core.Query;

namespace PressDeck.Monitoring.Backfill;

/// <summary>
/// Turns a column's query into the few searches that find its recent posts on the networks. A network's search is
/// broader than PressDeck's language (no negation, no lists, no filters), so a search keeps only what each post must
/// contain, and every post found still goes through the column's own query: a search may find too much, never the
/// wrong thing. A query with nothing a search box can look for (only <c>network:bluesky</c>, only a list) gives none.
/// </summary>
public static class BackfillSearches
{
    /// <summary>Top-level alternatives searched at most (each is one search per network).</summary>
    public const int MaxSearches = 3;

    /// <summary>Terms one search holds at most; more only narrow a search that already finds few posts.</summary>
    public const int MaxTerms = 6;

    public static IReadOnlyList<BackfillSearch> From(QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var branches = query is OrNode or ? or.Operands.AsEnumerable() : [query];
        var searches = new List<BackfillSearch>();
        foreach (var branch in branches)
        {
            var terms = new List<string>();
            HashSet<Network>? networks = null;
            foreach (var operand in branch is AndNode and ? and.Operands.AsEnumerable() : [branch])
            {
                switch (operand)
                {
                    case NetworkNode network:
                        networks ??= [];
                        networks.Add(network.Network);
                        break;
                    case OrNode { Operands: var alternatives } when alternatives.All(alternative => alternative is NetworkNode):
                        networks ??= [];
                        networks.UnionWith(alternatives.Cast<NetworkNode>().Select(alternative => alternative.Network));
                        break;
                    default:
                        if (Term(operand) is { } term)
                        {
                            terms.Add(term);
                        }

                        break;
                }
            }

            if (terms.Count > 0)
            {
                var search = new BackfillSearch(string.Join(' ', terms.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms)), networks);
                if (!searches.Contains(search))
                {
                    searches.Add(search);
                }
            }

            if (searches.Count == MaxSearches)
            {
                break;
            }
        }

        return searches;
    }

    private static string? Term(QueryNode node) => node switch
    {
        WordNode word => word.Word,
        PhraseNode phrase => "\"" + string.Join(' ', phrase.Words) + "\"",
        HashtagNode hashtag => "#" + hashtag.Tag,
        MentionNode mention => "@" + mention.Handle,
        FromNode from => "from:" + from.Handle,
        _ => null,
    };
}
