using PressDeck.Core.Lists;
using PressDeck.Core.Text;

namespace PressDeck.Core.Query;

/// <summary>
/// The plain, obviously correct meaning of a query (QUERY-LANGUAGE.md section 3): one case per node, no indexes, no
/// shortcuts. Faster matchers are tested against it.
/// </summary>
public static class ReferenceEvaluator
{
    /// <summary>True when <paramref name="post"/> matches <paramref name="query"/>; <paramref name="lists"/> answers <c>list:</c>.</summary>
    public static bool Matches(QueryNode query, AnalyzedPost post, IListDirectory lists)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(lists);

        return query switch
        {
            AndNode conjunction => conjunction.Operands.All(operand => Matches(operand, post, lists)),
            OrNode disjunction => disjunction.Operands.Any(operand => Matches(operand, post, lists)),
            NotNode negation => !Matches(negation.Operand, post, lists),
            WordNode word => post.ContainsWord(word.Word),
            PhraseNode phrase => post.ContainsPhrase(phrase.Words),
            PrefixNode prefix => post.ContainsWordWithPrefix(prefix.Prefix),
            HashtagNode hashtag => post.Hashtags.Contains(hashtag.Tag, StringComparer.Ordinal),
            MentionNode mention => post.Mentions.Contains(mention.Handle, StringComparer.Ordinal),
            FromNode from => post.AuthorHandle == from.Handle,
            ToNode to => post.IsReply && post.ReplyToHandle == to.Handle,
            ListNode list => lists.Contains(list.Name, post.AuthorHandle),
            LangNode lang => post.Languages.Contains(lang.Code, StringComparer.Ordinal),
            NetworkNode network => post.Network == network.Network,
            UrlNode url => post.Links.Any(link => link.IsUnder(url.Host, url.PathPrefix)),
            LinkPageNode page => post.Links.Any(link => link.IsPage(page.Host, page.Path)),
            HasNode has => has.Filter switch
            {
                HasFilter.Links => post.HasLinks,
                HasFilter.Media => post.HasMedia,
                HasFilter.Images => post.HasImages,
                _ => post.HasVideo,
            },
            IsNode @is => @is.Filter switch
            {
                IsFilter.Reply => post.IsReply,
                IsFilter.Quote => post.IsQuote,
                _ => post.IsRepost,
            },
            _ => throw new ArgumentException($"Unknown query node {query.GetType().Name}.", nameof(query)),
        };
    }
}
