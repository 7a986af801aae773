using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Text;
using PressDeck.Data.Archive;

namespace PressDeck.Data.Sqlite.Archive;

/// <summary>
/// The SQLite archive: posts in the <c>Posts</c> table, the normaliser's token stream in the contentless FTS5 table
/// <c>PostsFts</c> (ascii tokenizer, so FTS5 keeps our tokens exactly as Core made them). Search narrows candidates
/// with FTS5 and SQL, then re-checks each candidate with the same evaluator as live matching, so both agree exactly.
/// This is the only place with SQLite-specific SQL.
/// </summary>
public sealed class SqlitePostArchive(AppDbContext db) : IPostArchive
{
    /// <summary>Rows fetched per round trip while filling a page of search results.</summary>
    private const int ScanBatchSize = 500;

    /// <summary>
    /// Most candidate rows one page request examines; a page that hits it comes back short with a cursor to go on,
    /// so a query that FTS cannot narrow never holds the database for long.
    /// </summary>
    private const int MaxScannedPerPage = 50_000;

    public async Task<IReadOnlyList<StoredPost>> AddAsync(IReadOnlyList<ArchiveEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var insertPost = connection.CreateCommand();
            insertPost.Transaction = transaction;
            insertPost.CommandText = """
                INSERT INTO Posts (Network, RemoteId, AuthorHandle, AuthorName, Text, Kind, CreatedAt, ReceivedAt, Url, PostJson, EditedAt)
                VALUES ($network, $remoteId, $authorHandle, $authorName, $text, $kind, $createdAt, $receivedAt, $url, $json, $editedAt)
                ON CONFLICT (Network, RemoteId) DO NOTHING
                RETURNING Id
                """;
            var network = insertPost.Parameters.Add("$network", SqliteType.Text);
            var remoteId = insertPost.Parameters.Add("$remoteId", SqliteType.Text);
            var authorHandle = insertPost.Parameters.Add("$authorHandle", SqliteType.Text);
            var authorName = insertPost.Parameters.Add("$authorName", SqliteType.Text);
            var text = insertPost.Parameters.Add("$text", SqliteType.Text);
            var kind = insertPost.Parameters.Add("$kind", SqliteType.Text);
            var createdAt = insertPost.Parameters.Add("$createdAt", SqliteType.Text);
            var receivedAt = insertPost.Parameters.Add("$receivedAt", SqliteType.Text);
            var url = insertPost.Parameters.Add("$url", SqliteType.Text);
            var json = insertPost.Parameters.Add("$json", SqliteType.Text);
            var editedAt = insertPost.Parameters.Add("$editedAt", SqliteType.Text);

            await using var insertIndex = connection.CreateCommand();
            insertIndex.Transaction = transaction;
            insertIndex.CommandText = "INSERT INTO PostsFts (rowid, words, tags, mentions) VALUES ($id, $words, $tags, $mentions)";
            var indexId = insertIndex.Parameters.Add("$id", SqliteType.Integer);
            var words = insertIndex.Parameters.Add("$words", SqliteType.Text);
            var tags = insertIndex.Parameters.Add("$tags", SqliteType.Text);
            var mentions = insertIndex.Parameters.Add("$mentions", SqliteType.Text);

            var added = new List<StoredPost>(entries.Count);
            foreach (var entry in entries)
            {
                var post = entry.Post;
                network.Value = post.Network.ToString();
                remoteId.Value = post.RemoteId;
                // The handle as the evaluator sees it (trimmed, no leading @, lower case), so the from: narrowing is sound.
                authorHandle.Value = entry.Analysis.AuthorHandle;
                authorName.Value = post.Author.DisplayName;
                text.Value = post.Text;
                kind.Value = post.Kind.ToString();
                createdAt.Value = FormatInstant(post.CreatedAt);
                receivedAt.Value = FormatInstant(entry.ReceivedAt);
                url.Value = (object?)post.Url ?? DBNull.Value;
                editedAt.Value = post.EditedAt is { } edited ? FormatInstant(edited) : DBNull.Value;
                json.Value = JsonSerializer.Serialize(post, ArchiveJsonContext.Default.Post);

                var id = await insertPost.ExecuteScalarAsync(cancellationToken);
                long postId;
                var isEdit = false;
                if (id is not null)
                {
                    postId = Convert.ToInt64(id, CultureInfo.InvariantCulture);
                }
                else if (post.EditedAt is { } editedAtValue
                    && await ReplaceWithEditAsync(connection, transaction, entry, editedAtValue, (string)json.Value, cancellationToken) is { } editedId)
                {
                    postId = editedId;
                    isEdit = true;
                    await using var unindex = connection.CreateCommand();
                    unindex.Transaction = transaction;
                    unindex.CommandText = "DELETE FROM PostsFts WHERE rowid = $id";
                    unindex.Parameters.AddWithValue("$id", postId);
                    await unindex.ExecuteNonQueryAsync(cancellationToken);
                }
                else
                {
                    continue;
                }

                indexId.Value = postId;
                words.Value = entry.Analysis.IndexText;
                tags.Value = entry.Analysis.IndexHashtags;
                mentions.Value = entry.Analysis.IndexMentions;
                await insertIndex.ExecuteNonQueryAsync(cancellationToken);
                added.Add(new StoredPost(postId, post, isEdit));
            }

            await transaction.CommitAsync(cancellationToken);
            return added;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<ArchiveSearchPage> SearchAsync(ArchiveSearch search, IListDirectory lists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfLessThan(search.PageSize, 1);

        var compiled = search.Query is null ? null : CompiledQuery.Compile(search.Query);
        var narrowing = search.Query is null ? FtsNarrowing.None : FtsQueryTranslator.Translate(search.Query);
        var results = new List<StoredPost>(search.PageSize);
        var cursor = search.After;
        var scanned = 0;

        var connection = await OpenAsync(cancellationToken);
        try
        {
            while (true)
            {
                var batch = await ReadBatchAsync(connection, search, narrowing, cursor, cancellationToken);
                foreach (var row in batch)
                {
                    scanned++;
                    cursor = new ArchiveCursor(row.CreatedAt, row.Id);
                    if (compiled is null || compiled.Matches(PostAnalyzer.Analyze(row.Post), lists))
                    {
                        results.Add(new StoredPost(row.Id, row.Post));
                        if (results.Count == search.PageSize)
                        {
                            return new ArchiveSearchPage(results, cursor);
                        }
                    }
                }

                if (batch.Count < ScanBatchSize)
                {
                    return new ArchiveSearchPage(results, null);
                }

                if (scanned >= MaxScannedPerPage)
                {
                    return new ArchiveSearchPage(results, cursor);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        await db.Posts.CountAsync(post => post.DeletedAt == null, cancellationToken);

    public async Task<IReadOnlyList<long>> DeleteAsync(IReadOnlyList<PostKey> posts, DateTime deletedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        if (posts.Count == 0)
        {
            return [];
        }

        var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var hide = connection.CreateCommand();
            hide.Transaction = transaction;
            // The author name and handle stay so the tombstone can say whose post was deleted; the words go.
            hide.CommandText = """
                UPDATE Posts SET DeletedAt = $deletedAt, Text = '', PostJson = $tombstone
                WHERE Network = $network AND RemoteId = $remoteId AND DeletedAt IS NULL
                RETURNING Id
                """;
            hide.Parameters.AddWithValue("$deletedAt", FormatInstant(deletedAt));
            var network = hide.Parameters.Add("$network", SqliteType.Text);
            var remoteId = hide.Parameters.Add("$remoteId", SqliteType.Text);
            var tombstone = hide.Parameters.Add("$tombstone", SqliteType.Text);

            await using var forget = connection.CreateCommand();
            forget.Transaction = transaction;
            forget.CommandText = "DELETE FROM PostsFts WHERE rowid = $id; DELETE FROM PostVersions WHERE PostId = $id;";
            var forgetId = forget.Parameters.Add("$id", SqliteType.Integer);

            var hidden = new List<long>();
            foreach (var key in posts.Distinct())
            {
                network.Value = key.Network.ToString();
                remoteId.Value = key.RemoteId;
                var existing = await FindJsonAsync(connection, transaction, key, cancellationToken);
                if (existing is null)
                {
                    continue;
                }

                tombstone.Value = JsonSerializer.Serialize(Tombstone(existing), ArchiveJsonContext.Default.Post);
                if (await hide.ExecuteScalarAsync(cancellationToken) is not { } hiddenId)
                {
                    continue;
                }

                var id = Convert.ToInt64(hiddenId, CultureInfo.InvariantCulture);
                forgetId.Value = id;
                await forget.ExecuteNonQueryAsync(cancellationToken);
                hidden.Add(id);
            }

            await transaction.CommitAsync(cancellationToken);
            return hidden;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<IReadOnlyList<PostVersion>> GetVersionsAsync(long postId, CancellationToken cancellationToken) =>
        await db.PostVersions.AsNoTracking().Where(version => version.PostId == postId).OrderBy(version => version.WrittenAt).ThenBy(version => version.Id).ToListAsync(cancellationToken);

    public async Task<int> CountMatchesAsync(ArchiveSearch search, IListDirectory lists, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var count = 0;
        var page = search with { PageSize = Math.Clamp(limit, 1, 1_000), After = null };
        while (count < limit)
        {
            var result = await SearchAsync(page, lists, cancellationToken);
            count += result.Posts.Count;
            if (result.Next is null)
            {
                break;
            }

            page = page with { After = result.Next };
        }

        return Math.Min(count, limit);
    }

    public async Task<int> PurgeAsync(Network network, DateTime before, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$network", network.ToString());
            command.Parameters.AddWithValue("$before", FormatInstant(before));
            command.CommandText = "DELETE FROM PostsFts WHERE rowid IN (SELECT Id FROM Posts WHERE Network = $network AND CreatedAt < $before)";
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.CommandText = "DELETE FROM PostVersions WHERE PostId IN (SELECT Id FROM Posts WHERE Network = $network AND CreatedAt < $before)";
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.CommandText = "DELETE FROM Posts WHERE Network = $network AND CreatedAt < $before";
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return deleted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<ArchiveRow>> ReadBatchAsync(
        SqliteConnection connection,
        ArchiveSearch search,
        FtsNarrowing narrowing,
        ArchiveCursor? cursor,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var conditions = new List<string> { "DeletedAt IS NULL" };
        if (narrowing.MatchExpression is not null)
        {
            conditions.Add("Id IN (SELECT rowid FROM PostsFts WHERE PostsFts MATCH $match)");
            command.Parameters.AddWithValue("$match", narrowing.MatchExpression);
        }

        if (narrowing.Networks is { } networks)
        {
            var names = new List<string>();
            foreach (var (network, index) in networks.Select((n, i) => (n, i)))
            {
                names.Add("$net" + index.ToString(CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue(names[^1], network.ToString());
            }

            conditions.Add($"Network IN ({string.Join(", ", names)})");
        }

        if (narrowing.AuthorHandle is { } author)
        {
            conditions.Add("AuthorHandle = $author");
            command.Parameters.AddWithValue("$author", author);
        }

        if (search.From is { } from)
        {
            conditions.Add("CreatedAt >= $from");
            command.Parameters.AddWithValue("$from", FormatInstant(from));
        }

        if (search.To is { } to)
        {
            conditions.Add("CreatedAt < $to");
            command.Parameters.AddWithValue("$to", FormatInstant(to));
        }

        if (cursor is not null)
        {
            conditions.Add("(CreatedAt < $cursorAt OR (CreatedAt = $cursorAt AND Id < $cursorId))");
            command.Parameters.AddWithValue("$cursorAt", FormatInstant(cursor.CreatedAt));
            command.Parameters.AddWithValue("$cursorId", cursor.Id);
        }

        var where = "WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"SELECT Id, PostJson FROM Posts {where} ORDER BY CreatedAt DESC, Id DESC LIMIT {ScanBatchSize}";

        var rows = new List<ArchiveRow>(ScanBatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            var post = JsonSerializer.Deserialize(reader.GetString(1), ArchiveJsonContext.Default.Post)
                ?? throw new InvalidDataException($"Archived post {id} holds no post.");
            rows.Add(new ArchiveRow(id, post.CreatedAt, post));
        }

        return rows;
    }

    /// <summary>
    /// Replaces a stored post with its edited version when the edit is newer than what is stored, keeping the stored
    /// version in PostVersions. Returns the post's id, or null when there is nothing to replace (deleted, or not newer).
    /// </summary>
    private static async Task<long?> ReplaceWithEditAsync(SqliteConnection connection, SqliteTransaction transaction, ArchiveEntry entry, DateTime editedAt, string json, CancellationToken cancellationToken)
    {
        var post = entry.Post;
        await using var find = connection.CreateCommand();
        find.Transaction = transaction;
        find.CommandText = "SELECT Id, Text, PostJson, CreatedAt, EditedAt FROM Posts WHERE Network = $network AND RemoteId = $remoteId AND DeletedAt IS NULL";
        find.Parameters.AddWithValue("$network", post.Network.ToString());
        find.Parameters.AddWithValue("$remoteId", post.RemoteId);
        long id;
        string previousText;
        string previousJson;
        string writtenAt;
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            // Instants are stored in one fixed text form, so they order as text.
            var wasEdited = !await reader.IsDBNullAsync(4, cancellationToken);
            if (wasEdited && string.CompareOrdinal(reader.GetString(4), FormatInstant(editedAt)) >= 0)
            {
                return null;
            }

            id = reader.GetInt64(0);
            previousText = reader.GetString(1);
            previousJson = reader.GetString(2);
            writtenAt = wasEdited ? reader.GetString(4) : reader.GetString(3);
        }

        await using var keep = connection.CreateCommand();
        keep.Transaction = transaction;
        keep.CommandText = """
            INSERT INTO PostVersions (PostId, Text, PostJson, WrittenAt, ReplacedAt) VALUES ($id, $text, $json, $writtenAt, $replacedAt);
            UPDATE Posts SET AuthorName = $authorName, Text = $newText, Kind = $kind, Url = $url, PostJson = $newJson, EditedAt = $editedAt
            WHERE Id = $id;
            """;
        keep.Parameters.AddWithValue("$id", id);
        keep.Parameters.AddWithValue("$text", previousText);
        keep.Parameters.AddWithValue("$json", previousJson);
        keep.Parameters.AddWithValue("$writtenAt", writtenAt);
        keep.Parameters.AddWithValue("$replacedAt", FormatInstant(entry.ReceivedAt));
        keep.Parameters.AddWithValue("$authorName", post.Author.DisplayName);
        keep.Parameters.AddWithValue("$newText", post.Text);
        keep.Parameters.AddWithValue("$kind", post.Kind.ToString());
        keep.Parameters.AddWithValue("$url", (object?)post.Url ?? DBNull.Value);
        keep.Parameters.AddWithValue("$newJson", json);
        keep.Parameters.AddWithValue("$editedAt", FormatInstant(editedAt));
        await keep.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    private static async Task<Post?> FindJsonAsync(SqliteConnection connection, SqliteTransaction transaction, PostKey key, CancellationToken cancellationToken)
    {
        await using var find = connection.CreateCommand();
        find.Transaction = transaction;
        find.CommandText = "SELECT PostJson FROM Posts WHERE Network = $network AND RemoteId = $remoteId AND DeletedAt IS NULL";
        find.Parameters.AddWithValue("$network", key.Network.ToString());
        find.Parameters.AddWithValue("$remoteId", key.RemoteId);
        return await find.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize(json, ArchiveJsonContext.Default.Post)
            : null;
    }

    /// <summary>What the archive keeps of a deleted post: who posted it, when, where; not its words, links or media.</summary>
    private static Post Tombstone(Post post) => new()
    {
        Network = post.Network,
        RemoteId = post.RemoteId,
        Author = post.Author,
        Text = "",
        CreatedAt = post.CreatedAt,
        Kind = post.Kind,
        Url = post.Url,
    };

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (SqliteConnection)db.Database.GetDbConnection();
    }

    /// <summary>The text form EF Core's SQLite provider uses for <see cref="DateTime"/>, so raw SQL and LINQ compare alike.</summary>
    private static string FormatInstant(DateTime instant) =>
        DateTime.SpecifyKind(instant, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private sealed record ArchiveRow(long Id, DateTime CreatedAt, Post Post);
}
