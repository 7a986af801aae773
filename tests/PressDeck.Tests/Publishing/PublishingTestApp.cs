using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Data;
using PressDeck.Data.Identity;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Testing;
using PressDeck.Tests.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>PressDeck started for the publishing tests, optionally on a fake clock, and the steps every test repeats.</summary>
internal static class PublishingTestApp
{
    /// <summary>For tests on a fake clock: the node's own sender and rebuttal tracker stay off, and the test runs them itself, step by step.</summary>
    public static readonly string[] SenderDrivenByTest = ["--Publishing:SendOnThisNode=false", "--Rebuttals:TrackOnThisNode=false", "--Lists:PushOnThisNode=false"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<WebApplication> StartAsync(string? folder = null, TimeProvider? time = null, params string[] extra)
    {
        folder ??= PressDeckServer.NewDataFolder();
        var app = PressDeckApp.Build(
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Demo:Enabled=false",
            "--SignIn:AttemptsPerMinute=1000", .. extra,
        ], builder =>
        {
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync(Cancel);
        return app;
    }

    /// <summary>Writes and submits a post from <paramref name="author"/> to the given accounts; returns its id.</summary>
    public static async Task<int> SubmitAsync(IServiceProvider services, AppUser author, DraftContent content)
    {
        await using var scope = await TestPeople.ScopeAsAsync(services, author);
        var drafts = scope.ServiceProvider.GetRequiredService<DraftService>();
        var id = await drafts.CreateAsync(content, Cancel);
        var problems = await drafts.SubmitAsync(id, Cancel);
        Assert.Empty(problems);
        return id;
    }

    public static async Task<AccountChoice> DemoAccountAsync(IServiceProvider services, AppUser person)
    {
        await using var scope = await TestPeople.ScopeAsAsync(services, person);
        return (await scope.ServiceProvider.GetRequiredService<DraftService>().PostingAccountsAsync(Cancel)).Single(a => a.Network == Core.Posts.Network.Demo);
    }

    public static async Task<List<DraftTarget>> TargetsAsync(IServiceProvider services, int draftId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.DraftTargets.AsNoTracking().Where(t => t.DraftId == draftId).OrderBy(t => t.Id).ToListAsync(Cancel);
    }

    public static async Task<DraftTarget> WaitForTargetAsync(IServiceProvider services, int draftId, Func<DraftTarget, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var target = (await TargetsAsync(services, draftId)).Single();
            if (condition(target))
            {
                return target;
            }

            Assert.True(TimeProvider.System.GetUtcNow().UtcDateTime < deadline, $"post {draftId} stayed {target.State} ({target.LastError})");
            await Task.Delay(100, Cancel);
        }
    }
}
