using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PressDeck.Core.Posts;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Ingest;
using PressDeck.Monitoring.Lists;
using PressDeck.Testing;

namespace PressDeck.Tests.Monitoring;

public sealed class BadInputTests
{
    [Fact]
    [Trait("Issue", "2")]
    public async Task Malformed_invalid_utf8_and_oversized_input_each_log_one_warning_and_the_pipeline_keeps_going()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var logs = new RecordingLoggerProvider();
        var folder = PressDeckServer.NewDataFolder();
        await using var app = PressDeckApp.Build(
            ["--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Demo:Enabled=false"],
            builder => builder.Logging.AddProvider(logs));
        await app.StartAsync(cancellationToken);
        var queue = app.Services.GetRequiredService<IngestChannel>();
        var huge = new string('x', 100 * 1024);

        await queue.WriteAsync(IngestItem.FromPayload("test", Encoding.UTF8.GetBytes("{\"id\":\"broken\",\"network\":")), cancellationToken);
        await queue.WriteAsync(IngestItem.FromPayload("test", (byte[])[.. Encoding.UTF8.GetBytes("{\"id\":\"p-bad-utf8\",\"network\":\"demo\",\"author\":{\"handle\":\"a\"},\"text\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\",\"createdAt\":\"2026-11-25T10:00:00Z\"}")]), cancellationToken);
        await queue.WriteAsync(IngestItem.FromPost("test", Post("p-huge", "Huge post " + huge)), cancellationToken);
        await queue.WriteAsync(IngestItem.FromPayload("test", Encoding.UTF8.GetBytes("{\"id\":\"p-good\",\"network\":\"demo\",\"author\":{\"handle\":\"jo\",\"name\":\"Jo\"},\"text\":\"Still flowing #SkillsBill\",\"createdAt\":\"2026-11-25T10:00:01Z\"}")), cancellationToken);

        var stored = await WaitForAsync(app.Services, 2, cancellationToken);

        Assert.Equal(["p-good", "p-huge"], stored.Select(p => p.Post.RemoteId).Order(StringComparer.Ordinal));
        var huge100k = stored.Single(p => p.Post.RemoteId == "p-huge").Post;
        Assert.True(huge100k.Text.Length <= Core.Ingest.PostLimits.MaxTextLength);
        Assert.StartsWith("Huge post xxx", huge100k.Text, StringComparison.Ordinal);
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Category.EndsWith("IngestWorker", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Single(warnings, w => w.Message.Contains("p-huge", StringComparison.Ordinal));
        Assert.Equal(2, warnings.Count(w => w.Message.StartsWith("Dropped an unreadable payload", StringComparison.Ordinal)));
        Assert.Contains(warnings, w => w.Message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase));
        await app.StopAsync(cancellationToken);
    }

    private static Post Post(string id, string text) => new()
    {
        Network = Network.Demo,
        RemoteId = id,
        Author = new Author("sam", "Sam"),
        Text = text,
        CreatedAt = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc),
    };

    private static async Task<IReadOnlyList<StoredPost>> WaitForAsync(IServiceProvider services, int count, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var archive = scope.ServiceProvider.GetRequiredService<IPostArchive>();
            var page = await archive.SearchAsync(new ArchiveSearch(null, PageSize: 100), services.GetRequiredService<ListDirectory>(), timeout.Token);
            if (page.Posts.Count >= count)
            {
                return page.Posts;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new RecordingLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class RecordingLogger(RecordingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
