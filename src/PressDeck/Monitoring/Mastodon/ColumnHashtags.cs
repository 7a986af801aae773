using PressDeck.Core.Posts;
using PressDeck.Core.Query;

namespace PressDeck.Monitoring.Mastodon;

/// <summary>
/// The hashtags the columns look for on a network, for following their hashtag streams: every hashtag a column's post
/// must or may carry (not one it must not), from columns that can show posts of that network, most used first.
/// </summary>
public static class ColumnHashtags
{
    public static IReadOnlyList<string> For(IEnumerable<QueryNode> queries, Network network, int max)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var query in queries.Where(query => AllowsNetwork(query, network)))
        {
            foreach (var tag in Wanted(query).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                counts[tag] = counts.GetValueOrDefault(tag) + 1;
            }
        }

        return [.. counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(max).Select(pair => pair.Key)];
    }

    private static IEnumerable<string> Wanted(QueryNode node) => node switch
    {
        HashtagNode hashtag => [hashtag.Tag],
        AndNode and => and.Operands.SelectMany(Wanted),
        OrNode either => either.Operands.SelectMany(Wanted),
        _ => [],
    };

    /// <summary>False when the query asks only for other networks (<c>network:bluesky</c> at its top level).</summary>
    private static bool AllowsNetwork(QueryNode query, Network network)
    {
        var operands = query is AndNode and ? and.Operands.AsEnumerable() : [query];
        foreach (var operand in operands)
        {
            List<Network>? networks = operand switch
            {
                NetworkNode only => [only.Network],
                OrNode either when either.Operands.All(alternative => alternative is NetworkNode) => [.. either.Operands.Cast<NetworkNode>().Select(alternative => alternative.Network)],
                _ => null,
            };
            if (networks is not null && !networks.Contains(network))
            {
                return false;
            }
        }

        return true;
    }
}
