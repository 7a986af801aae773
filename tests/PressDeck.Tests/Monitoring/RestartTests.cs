using Microsoft.Data.Sqlite;
using PressDeck.Testing;

namespace PressDeck.Tests.Monitoring;

public sealed class RestartTests
{
    [Fact]
    [Trait("Issue", "2")]
    public async Task A_restart_on_the_same_database_keeps_deck_columns_and_archive_and_stores_no_post_twice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var folder = PressDeckServer.NewDataFolder();
        var database = Path.Combine(folder, "pressdeck.db");

        Snapshot before;
        await using (var first = await PressDeckServer.StartAsync(folder, postsPerSecond: 40, backfill: 60, cancellationToken))
        {
            await WaitForPostsAsync(database, 120, cancellationToken);
            await first.StopAsync();
            before = await ReadAsync(database, cancellationToken);
        }

        Snapshot after;
        await using (var second = await PressDeckServer.StartAsync(folder, postsPerSecond: 40, backfill: 60, cancellationToken))
        {
            await WaitForPostsAsync(database, before.Posts.Count + 40, cancellationToken);
            await second.StopAsync();
            after = await ReadAsync(database, cancellationToken);
        }

        Assert.Equal(before.Columns, after.Columns);
        Assert.Equal(1, after.StarterDecks);
        Assert.Equal(before.Lists, after.Lists);
        Assert.All(before.Posts, post => Assert.Equal(post.Value, after.Posts[post.Key]));
        Assert.True(after.Posts.Count > before.Posts.Count, "no new posts after the restart");
        Assert.Equal(after.Posts.Count, after.RowCount);
        Assert.Equal(after.Posts.Count, after.IndexedCount);
    }

    private static async Task WaitForPostsAsync(string database, int count, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (File.Exists(database))
            {
                try
                {
                    await using var connection = await OpenAsync(database, timeout.Token);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT COUNT(*) FROM Posts";
                    if (Convert.ToInt64(await command.ExecuteScalarAsync(timeout.Token), System.Globalization.CultureInfo.InvariantCulture) >= count)
                    {
                        return;
                    }
                }
                catch (SqliteException)
                {
                    // The table does not exist until the first migration has run.
                }
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private static async Task<Snapshot> ReadAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(database, cancellationToken);
        var columns = await ListAsync(connection, "SELECT c.Id || '|' || c.Name || '|' || c.Query FROM DeckColumns c ORDER BY c.Id", cancellationToken);
        var lists = await ListAsync(connection, "SELECT l.Name || '|' || (SELECT COUNT(*) FROM ListMembers m WHERE m.ListId = l.Id) FROM AccountLists l ORDER BY l.Id", cancellationToken);
        var starters = int.Parse((await ListAsync(connection, "SELECT COUNT(*) FROM Decks WHERE IsStarter", cancellationToken))[0], System.Globalization.CultureInfo.InvariantCulture);
        var posts = new Dictionary<string, long>(StringComparer.Ordinal);
        var rows = 0;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Network || ':' || RemoteId, Id FROM Posts";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
                posts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var indexed = int.Parse((await ListAsync(connection, "SELECT COUNT(*) FROM PostsFts", cancellationToken))[0], System.Globalization.CultureInfo.InvariantCulture);
        return new Snapshot(columns, lists, starters, posts, rows, indexed);
    }

    private static async Task<List<string>> ListAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return values;
    }

    private static async Task<SqliteConnection> OpenAsync(string database, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private sealed record Snapshot(List<string> Columns, List<string> Lists, int StarterDecks, Dictionary<string, long> Posts, int RowCount, int IndexedCount);
}
