using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data.Archive;
using PressDeck.Data.Tests.Support;

namespace PressDeck.Data.Tests.Archive;

/// <summary>Issue 4: an edit replaces the post and keeps its earlier versions; a delete hides the post and removes its text.</summary>
public sealed class PostEditAndDeleteTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Issue", "4")]
    public async Task An_edit_replaces_the_post_and_keeps_the_earlier_version()
    {
        await using var database = await ArchiveDatabase.CreateAsync(Cancel);
        var original = PostBuilder.Post("Steel plant to close in March", "x1", network: Network.X);
        var edited = original with { Text = "Steel plant to close in May, not March", EditedAt = PostBuilder.Start.AddMinutes(3) };
        await database.Archive.AddAsync([PostBuilder.Entry(original)], Cancel);

        var stored = await database.Archive.AddAsync([PostBuilder.Entry(edited)], Cancel);

        var edit = Assert.Single(stored);
        Assert.True(edit.IsEdit);
        Assert.Equal(edited.Text, edit.Post.Text);
        Assert.Equal(1, await database.Archive.CountAsync(Cancel));
        Assert.Equal(["x1"], await RemoteIdsAsync(database, "may"));
        Assert.Empty(await RemoteIdsAsync(database, "march -may"));
        var version = Assert.Single(await database.Archive.GetVersionsAsync(edit.Id, Cancel));
        Assert.Equal(original.Text, version.Text);
        Assert.Equal(PostBuilder.Start, DateTime.SpecifyKind(version.WrittenAt, DateTimeKind.Utc));
        Assert.Equal(1, await database.ScalarAsync("SELECT COUNT(*) FROM PostsFts", Cancel));
    }

    [Fact]
    [Trait("Issue", "4")]
    public async Task An_edit_seen_again_or_an_older_edit_changes_nothing()
    {
        await using var database = await ArchiveDatabase.CreateAsync(Cancel);
        var original = PostBuilder.Post("first words", "m1", network: Network.Mastodon);
        var firstEdit = original with { Text = "second words", EditedAt = PostBuilder.Start.AddMinutes(1) };
        var secondEdit = original with { Text = "third words", EditedAt = PostBuilder.Start.AddMinutes(2) };
        await database.Archive.AddAsync([PostBuilder.Entry(original), PostBuilder.Entry(firstEdit), PostBuilder.Entry(secondEdit)], Cancel);

        var replayed = await database.Archive.AddAsync([PostBuilder.Entry(firstEdit), PostBuilder.Entry(secondEdit), PostBuilder.Entry(original)], Cancel);

        Assert.Empty(replayed);
        Assert.Equal(["m1"], await RemoteIdsAsync(database, "third"));
        var id = await database.ScalarAsync("SELECT Id FROM Posts", Cancel);
        Assert.Equal(["first words", "second words"], (await database.Archive.GetVersionsAsync(id, Cancel)).Select(version => version.Text));
    }

    [Fact]
    [Trait("Issue", "4")]
    public async Task A_delete_hides_the_post_and_removes_its_words_and_versions()
    {
        await using var database = await ArchiveDatabase.CreateAsync(Cancel);
        var post = PostBuilder.Post("Leaked: the minister will resign #scoop", "b1", links: ["https://example.org/leak"]);
        var kept = PostBuilder.Post("Minister visits the steel plant", "b2");
        await database.Archive.AddAsync([PostBuilder.Entry(post), PostBuilder.Entry(kept)], Cancel);
        await database.Archive.AddAsync([PostBuilder.Entry(post with { Text = "Leaked: minister to resign #scoop", EditedAt = PostBuilder.Start.AddMinutes(1) })], Cancel);

        var hidden = await database.Archive.DeleteAsync([new PostKey(Network.Bluesky, "b1"), new PostKey(Network.Bluesky, "never-seen")], PostBuilder.Start.AddHours(1), Cancel);

        Assert.Single(hidden);
        Assert.Equal(1, await database.Archive.CountAsync(Cancel));
        Assert.Equal(["b2"], await RemoteIdsAsync(database, "minister"));
        Assert.Empty(await RemoteIdsAsync(database, "#scoop"));
        Assert.Equal(["b2"], await RemoteIdsAsync(database, null));
        Assert.Equal(0, await database.ScalarAsync("SELECT COUNT(*) FROM PostVersions", Cancel));
        Assert.Equal(1, await database.ScalarAsync("SELECT COUNT(*) FROM PostsFts", Cancel));
        Assert.Equal(0, await database.ScalarAsync("SELECT COUNT(*) FROM Posts WHERE Text LIKE '%resign%' OR PostJson LIKE '%resign%' OR PostJson LIKE '%example.org%'", Cancel));
    }

    [Fact]
    [Trait("Issue", "4")]
    public async Task A_deleted_post_replayed_or_edited_later_stays_deleted()
    {
        await using var database = await ArchiveDatabase.CreateAsync(Cancel);
        var post = PostBuilder.Post("wrong figures", "b1");
        await database.Archive.AddAsync([PostBuilder.Entry(post)], Cancel);
        await database.Archive.DeleteAsync([new PostKey(Network.Bluesky, "b1")], PostBuilder.Start.AddHours(1), Cancel);

        var replayed = await database.Archive.AddAsync([PostBuilder.Entry(post), PostBuilder.Entry(post with { EditedAt = PostBuilder.Start.AddHours(2) })], Cancel);
        var deletedAgain = await database.Archive.DeleteAsync([new PostKey(Network.Bluesky, "b1")], PostBuilder.Start.AddHours(3), Cancel);

        Assert.Empty(replayed);
        Assert.Empty(deletedAgain);
        Assert.Equal(0, await database.Archive.CountAsync(Cancel));
        Assert.Empty(await RemoteIdsAsync(database, "figures"));
    }

    private static async Task<IReadOnlyList<string>> RemoteIdsAsync(ArchiveDatabase database, string? query)
    {
        QueryNode? node = null;
        if (query is not null)
        {
            var parsed = QueryParser.Parse(query, InMemoryListDirectory.Empty);
            Assert.True(parsed.IsValid, parsed.ToString());
            node = parsed.Query;
        }

        return [.. (await database.Archive.SearchAllAsync(new ArchiveSearch(node), InMemoryListDirectory.Empty, Cancel)).Select(post => post.Post.RemoteId)];
    }
}
