using PressDeck.Core.Lists;
using PressDeck.Data.Archive;

namespace PressDeck.Data.Tests.Support;

internal static class ArchiveSearching
{
    /// <summary>Every page of a search, following <see cref="ArchiveSearchPage.Next"/> until it is null.</summary>
    public static async Task<IReadOnlyList<StoredPost>> SearchAllAsync(
        this IPostArchive archive,
        ArchiveSearch search,
        IListDirectory lists,
        CancellationToken cancellationToken)
    {
        var found = new List<StoredPost>();
        var cursor = search.After;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 10_000, "Search paging does not end.");
            var page = await archive.SearchAsync(search with { After = cursor }, lists, cancellationToken);
            Assert.True(page.Posts.Count <= search.PageSize, "A page holds more posts than its size.");
            found.AddRange(page.Posts);
            if (page.Next is null)
            {
                return found;
            }

            cursor = page.Next;
        }
    }
}
