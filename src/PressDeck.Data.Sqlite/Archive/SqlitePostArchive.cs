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
                INSERT INTO Posts (Network, RemoteId, AuthorHandle, AuthorName, Text, Kind, CreatedAt, ReceivedAt, Url, PostJson)
                VALUES ($network, $remoteId, $authorHandle, $authorName, $text, $kind, $createdAt, $receivedAt, $url, $json)
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
                json.Value = JsonSerializer.Serialize(post, ArchiveJsonContext.Default.Post);

                var id = await insertPost.ExecuteScalarAsync(cancellationToken);
                if (id is null)
                {
                    continue;
                }

                var postId = Convert.ToInt64(id, CultureInfo.InvariantCulture);
                indexId.Value = postId;
                words.Value = entry.Analysis.IndexText;
                tags.Value = entry.Analysis.IndexHashtags;
                mentions.Value = entry.Analysis.IndexMentions;
                await insertIndex.ExecuteNonQueryAsync(cancellationToken);
                added.Add(new StoredPost(postId, post));
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
        await db.Posts.CountAsync(cancellationToken);

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
        var conditions = new List<string>();
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

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
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
