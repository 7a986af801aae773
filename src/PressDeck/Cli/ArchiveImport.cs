using PressDeck.Connectors;
using PressDeck.Core.Posts;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Ingest;
using PressDeck.Storage;

namespace PressDeck.Cli;

/// <summary>
/// Loads posts read by <c>pressdeck import</c> into the archive of a PressDeck data folder: the database is created or
/// migrated first, posts go in batches through the same limits, normaliser and archive as live posts (duplicates dropped
/// by the archive's key, edits kept as versions, deletes applied), so a recording can be loaded twice without harm.
/// </summary>
internal sealed class ArchiveImport : IAsyncDisposable
{
    private const int BatchSize = 500;

    private readonly ServiceProvider _services;
    private readonly List<ArchiveEntry> _entries = new(BatchSize);
    private readonly List<PostKey> _deletions = [];

    private ArchiveImport(ServiceProvider services) => _services = services;

    public int Stored { get; private set; }

    public int Edited { get; private set; }

    public int Duplicates { get; private set; }

    public int Deleted { get; private set; }

    public string DatabasePath { get; private init; } = "";

    /// <summary>Opens (creating and migrating) the database of <paramref name="dataFolder"/>, or of the configured data folder when null.</summary>
    public static async Task<ArchiveImport> OpenAsync(string? dataFolder, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables();
        if (dataFolder is not null)
        {
            builder.Configuration[StorageOptions.Section + ":" + nameof(StorageOptions.DataFolder)] = dataFolder;
        }

        builder.Services.AddLogging();
        builder.Services.AddStorage(builder.Configuration);
        var services = builder.Services.BuildServiceProvider();
        try
        {
            foreach (var hosted in services.GetServices<IHostedService>())
            {
                // Only the database migrator is registered here: it creates or upgrades the database before anything is written.
                await hosted.StartAsync(cancellationToken);
            }

            var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
            return new ArchiveImport(services) { DatabasePath = storage.DatabasePath };
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Queues one item read from a file of <paramref name="network"/>'s payloads; returns the reason when its post cannot
    /// be archived.
    /// </summary>
    public async Task<string?> AddAsync(RecordedItem item, Network network, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        string? problem = null;
        if (item.Post is { } post)
        {
            var entry = ArchiveEntryPreparation.Prepare(post, TimeProvider.System.GetUtcNow().UtcDateTime, out problem);
            if (entry is null)
            {
                return problem;
            }

            _entries.Add(entry);
        }
        else if (item.DeletedRemoteId is { } deleted)
        {
            _deletions.Add(new PostKey(item.Network ?? network, deleted));
        }

        if (_entries.Count + _deletions.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken);
        }

        // A post cut to fit is stored; the problem says what was cut.
        return null;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_entries.Count == 0 && _deletions.Count == 0)
        {
            return;
        }

        await using var scope = _services.CreateAsyncScope();
        var archive = scope.ServiceProvider.GetRequiredService<IPostArchive>();
        var added = await archive.AddAsync(_entries, cancellationToken);
        var deleted = await archive.DeleteAsync(_deletions, TimeProvider.System.GetUtcNow().UtcDateTime, cancellationToken);
        Stored += added.Count(post => !post.IsEdit);
        Edited += added.Count(post => post.IsEdit);
        Duplicates += _entries.Count - added.Count;
        Deleted += deleted.Count;
        _entries.Clear();
        _deletions.Clear();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
