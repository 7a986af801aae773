using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Lists;

namespace PressDeck.Contacts;

/// <summary>
/// The contact's posts to the office found in the archive: every post by one of their handles that mentions or replies
/// to one of the office's connected accounts (<c>from:them (@office OR to:office)</c>), and every quote of theirs whose
/// quoted post is the office's. The query is built as the query language's tree, so no handle needs quoting.
/// </summary>
internal sealed class ArchivedPostHistory(AppDbContext db, IPostArchive archive, ListDirectory lists) : IContactHistorySource
{
    public async Task<IReadOnlyList<ContactHistoryItem>> ReadAsync(ContactHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var office = (await db.ConnectedAccounts.AsNoTracking().Select(a => a.Handle).ToListAsync(cancellationToken))
            .Select(h => h.Trim().TrimStart('@').ToLowerInvariant()).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (office.Count == 0 || query.Handles.Count == 0)
        {
            return [];
        }

        var from = Any(query.Handles.Select(h => (QueryNode)new FromNode(h.Handle)));
        var toOffice = Any(office.SelectMany(h => new QueryNode[] { new MentionNode(h), new ToNode(h) }));
        var addressed = await SearchAsync(All(from, toOffice), query, cancellationToken);
        var quotes = await SearchAsync(All(from, new IsNode(IsFilter.Quote)), query, cancellationToken);
        var officeQuoted = await OfficePostsAmongAsync(quotes.Select(p => p.Post.QuoteOfId).OfType<string>().ToList(), office, cancellationToken);

        var officeSet = office.ToHashSet(StringComparer.Ordinal);
        return addressed.Concat(quotes.Where(q => q.Post.QuoteOfId is { } quoted && officeQuoted.Contains(quoted)))
            .DistinctBy(p => p.Id)
            .Select(p => p.Post)
            .OrderByDescending(p => p.CreatedAt)
            .Take(query.Limit)
            .Select(p => new ContactHistoryItem(p.CreatedAt, ContactHistorySources.Post, KindOf(p, officeSet), p.Text, null, p.Network, p.Author.Handle, p.Url))
            .ToList();
    }

    /// <summary>The newest posts matching <paramref name="node"/>, up to the query's limit, a page of at most 500 at a time.</summary>
    private async Task<List<StoredPost>> SearchAsync(QueryNode node, ContactHistoryQuery query, CancellationToken cancellationToken)
    {
        var posts = new List<StoredPost>();
        var search = new ArchiveSearch(node, From: query.Since, PageSize: Math.Clamp(query.Limit, 1, 500));
        while (posts.Count < query.Limit)
        {
            var page = await archive.SearchAsync(search, lists, cancellationToken);
            posts.AddRange(page.Posts.Take(query.Limit - posts.Count));
            if (page.Next is null)
            {
                break;
            }

            search = search with { After = page.Next };
        }

        return posts;
    }

    /// <summary>Which of these remote ids are posts of the office: sent from PressDeck, or archived with an office account as author.</summary>
    private async Task<HashSet<string>> OfficePostsAmongAsync(List<string> remoteIds, List<string> office, CancellationToken cancellationToken)
    {
        if (remoteIds.Count == 0)
        {
            return [];
        }

        var sent = await db.DraftTargets.AsNoTracking().Where(t => t.RemoteId != null && remoteIds.Contains(t.RemoteId)).Select(t => t.RemoteId!).ToListAsync(cancellationToken);
        var archived = await db.Posts.AsNoTracking().Where(p => remoteIds.Contains(p.RemoteId) && office.Contains(p.AuthorHandle)).Select(p => p.RemoteId).ToListAsync(cancellationToken);
        return sent.Concat(archived).ToHashSet(StringComparer.Ordinal);
    }

    private static string KindOf(Post post, HashSet<string> office) =>
        post.IsReply && post.ReplyToHandle is { } to && office.Contains(to.ToLowerInvariant()) ? "Reply"
        : post.IsQuote ? "Quote"
        : "Mention";

    private static QueryNode Any(IEnumerable<QueryNode> nodes)
    {
        var list = nodes.ToImmutableArray();
        return list.Length == 1 ? list[0] : new OrNode(list);
    }

    private static AndNode All(params QueryNode[] nodes) => new AndNode([.. nodes]);
}
