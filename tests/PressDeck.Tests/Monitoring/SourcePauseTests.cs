using Microsoft.Extensions.DependencyInjection;
using PressDeck.Connectors;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Demo;
using PressDeck.Monitoring.Sources;
using PressDeck.Testing;

namespace PressDeck.Tests.Monitoring;

/// <summary>Issue 4: the admin sees each source's state and can pause it; a pause holds across a restart.</summary>
[Trait("Issue", "4")]
public sealed class SourcePauseTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_paused_source_stops_stays_paused_after_a_restart_and_resumes_where_it_stopped()
    {
        var folder = PressDeckServer.NewDataFolder();
        string[] args =
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={folder}",
            "--Demo:PostsPerSecond=200", "--Demo:BackfillCount=0",
        ];
        int countAtPause;
        await using (var app = PressDeckApp.Build(args))
        {
            await app.StartAsync(Cancel);
            var registry = app.Services.GetRequiredService<SourceRegistry>();
            await WaitUntilAsync(() => registry.Find(DemoSource.SourceName)?.State.Activity == SourceActivity.Connected);
            await WaitUntilAsync(async () => await CountAsync(app.Services) >= 50);

            Assert.True(await registry.PauseAsync(DemoSource.SourceName, "Digital Lead", Cancel));

            Assert.Equal(SourceActivity.Paused, registry.Find(DemoSource.SourceName)!.State.Activity);
            // What was already on its way is committed; then nothing more comes.
            await Task.Delay(1500, Cancel);
            countAtPause = await CountAsync(app.Services);
            await Task.Delay(1500, Cancel);
            Assert.Equal(countAtPause, await CountAsync(app.Services));
            await app.StopAsync(Cancel);
        }

        await using (var restarted = PressDeckApp.Build(args))
        {
            await restarted.StartAsync(Cancel);
            var registry = restarted.Services.GetRequiredService<SourceRegistry>();
            await WaitUntilAsync(() => registry.Find(DemoSource.SourceName) is not null);
            Assert.Equal(SourceActivity.Paused, registry.Find(DemoSource.SourceName)!.State.Activity);
            await Task.Delay(1000, Cancel);
            Assert.Equal(countAtPause, await CountAsync(restarted.Services));

            Assert.True(await registry.ResumeAsync(DemoSource.SourceName, "Digital Lead", Cancel));

            await WaitUntilAsync(async () => await CountAsync(restarted.Services) >= countAtPause + 50);
            Assert.Equal(SourceActivity.Connected, registry.Find(DemoSource.SourceName)!.State.Activity);
            Assert.False(await registry.PauseAsync("no-such-source", "Digital Lead", Cancel));
            await restarted.StopAsync(Cancel);
        }
    }

    private static async Task<int> CountAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPostArchive>().CountAsync(Cancel);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
