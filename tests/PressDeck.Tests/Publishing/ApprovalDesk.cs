using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Accounts;
using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Accounts;
using PressDeck.Data.Audit;
using PressDeck.Data.Identity;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Team;
using PressDeck.Tests.Team;
using SkiaSharp;

namespace PressDeck.Tests.Publishing;

/// <summary>
/// A press office for the approval and propriety tests of issue 6: PressDeck on a fake clock with real SQLite, the
/// sender driven by the test, an admin to set the rules, and the steps the tests repeat, each through the real services
/// signed in as the person who would take it.
/// </summary>
internal sealed class ApprovalDesk : IAsyncDisposable
{
    /// <summary>Thursday 26 November 2026, 10:00 in London (GMT): the office's "now" unless a test says otherwise.</summary>
    public static readonly DateTimeOffset Thursday = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private AppUser? _admin;

    private ApprovalDesk(WebApplication app, FakeTimeProvider clock)
    {
        App = app;
        Clock = clock;
    }

    public WebApplication App { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => App.Services;

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<ApprovalDesk> StartAsync(DateTimeOffset? now = null)
    {
        var clock = new FakeTimeProvider(now ?? Thursday);
        var app = await PublishingTestApp.StartAsync(time: clock, extra: PublishingTestApp.SenderDrivenByTest);
        return new ApprovalDesk(app, clock);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>Time passes between what people do, as it does in an office.</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    public void Advance() => Clock.Advance(TimeSpan.FromMinutes(2));

    public Task<AppUser> PersonAsync(string role, string name) => TestPeople.CreateAsync(Services, role, name: name);

    public async Task<AppUser> AdminAsync() => _admin ??= await TestPeople.CreateAsync(Services, Roles.Admin, name: "Digital Lead");

    public async Task<AsyncServiceScope> AsAsync(AppUser person) => await TestPeople.ScopeAsAsync(Services, person);

    public async Task<T> AsAsync<T>(AppUser person, Func<DraftService, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = await AsAsync(person);
        return await action(scope.ServiceProvider.GetRequiredService<DraftService>());
    }

    public async Task AsAsync(AppUser person, Func<DraftService, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = await AsAsync(person);
        await action(scope.ServiceProvider.GetRequiredService<DraftService>());
    }

    /// <summary>An approver group with the given members, made by the admin on the team page; returns its id.</summary>
    public async Task<int> GroupAsync(string name, params AppUser[] members)
    {
        await using var scope = await AsAsync(await AdminAsync());
        var team = scope.ServiceProvider.GetRequiredService<TeamService>();
        Assert.Null(await team.AddApproverGroupAsync(name, Cancel));
        var id = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ApproverGroups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync(Cancel);
        foreach (var member in members)
        {
            Assert.Null(await team.AddApproverAsync(id, member.Id, Cancel));
        }

        return id;
    }

    /// <summary>Sets an approval policy (for the demo account unless an account is given), as the admin on the rules page.</summary>
    public async Task PolicyAsync(PolicyForm form, int? connectedAccountId = null)
    {
        await using var scope = await AsAsync(await AdminAsync());
        await scope.ServiceProvider.GetRequiredService<PublishingPolicyService>().SavePolicyAsync(connectedAccountId, form, Cancel);
    }

    public async Task ElectionPeriodAsync(string name, DateOnly startsOn, DateOnly endsOn)
    {
        await using var scope = await AsAsync(await AdminAsync());
        await scope.ServiceProvider.GetRequiredService<PublishingPolicyService>().AddElectionPeriodAsync(name, startsOn, endsOn, Cancel);
    }

    /// <summary>Sets a person's deputy and the time they are away until, as the admin on the team page.</summary>
    public async Task DeputyAsync(AppUser person, AppUser deputy, DateTime? awayUntil)
    {
        await using var scope = await AsAsync(await AdminAsync());
        Assert.Null(await scope.ServiceProvider.GetRequiredService<TeamService>().UpdatePersonAsync(person.Id, null, "", deputy.Id, awayUntil, Cancel));
    }

    /// <summary>A connected account of the office (not used to send: the tests on it only write and submit).</summary>
    public async Task<AccountChoice> ConnectedAccountAsync(Network network, string handle, string postingRoles = "admin,approver,officer")
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var account = new ConnectedAccount
        {
            Network = network,
            ServerUrl = "https://bsky.social/",
            Handle = handle,
            RemoteAccountId = "did:plc:pressoffice",
            DisplayName = "Press office",
            ProtectedSecret = scope.ServiceProvider.GetRequiredService<AccountSecrets>().Protect("abcd-efgh-ijkl-mnop"),
            ConnectedAt = DateTime.UnixEpoch,
            ConnectedBy = "test",
            PostingRoles = postingRoles,
        };
        db.ConnectedAccounts.Add(account);
        await db.SaveChangesAsync(Cancel);
        return new AccountChoice(network, account.Id, handle, "Press office");
    }

    public Task<AccountChoice> DemoAsync(AppUser person) => PublishingTestApp.DemoAccountAsync(Services, person);

    public Task<int> CreateAsync(AppUser author, DraftContent content) => AsAsync(author, drafts => drafts.CreateAsync(content, Cancel));

    public Task<IReadOnlyList<string>> SubmitAsync(AppUser author, int draftId) => AsAsync(author, drafts => drafts.SubmitAsync(draftId, Cancel));

    /// <summary>Writes and submits a post, which must be accepted; returns its id.</summary>
    public async Task<int> SubmitNewAsync(AppUser author, DraftContent content)
    {
        var id = await CreateAsync(author, content);
        Assert.Empty(await SubmitAsync(author, id));
        return id;
    }

    public Task ApproveAsync(AppUser approver, int draftId, string comment = "", string? editedText = null) =>
        AsAsync(approver, drafts => drafts.ApproveAsync(draftId, comment, editedText, Cancel));

    public Task SendBackAsync(AppUser approver, int draftId, string comment) => AsAsync(approver, drafts => drafts.SendBackAsync(draftId, comment, Cancel));

    public async Task<IReadOnlyList<int>> QueueAsync(AppUser approver) =>
        (await AsAsync(approver, drafts => drafts.ApprovalQueueAsync(Cancel))).Select(d => d.Id).ToList();

    /// <summary>The draft as the database has it now, with its accounts, images and reviews.</summary>
    public async Task<PostDraft> DraftAsync(int draftId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Drafts.AsNoTracking().AsSplitQuery()
            .Include(d => d.Targets).Include(d => d.Images).Include(d => d.Reviews)
            .SingleAsync(d => d.Id == draftId, Cancel);
    }

    public Task<int> SendDueAsync() => Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);

    /// <summary>What the demo network has for the draft's (single) account, or null when nothing went out.</summary>
    public async Task<Post?> PublishedAsync(int draftId)
    {
        var target = (await PublishingTestApp.TargetsAsync(Services, draftId)).Single();
        return Services.GetRequiredService<DemoNetwork>().FindPublished(target.RequestKey);
    }

    /// <summary>The audit entries with <paramref name="action"/> about the draft, oldest first.</summary>
    public async Task<List<AuditEntry>> AuditAsync(int draftId, string action)
    {
        await using var scope = Services.CreateAsyncScope();
        var prefix = $"post {draftId} ";
        var entries = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync(Cancel);
        return entries.Where(e => e.Target.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    public static PolicyForm Policy(params PolicyStepForm[] steps) => new() { Steps = [.. steps] };

    public static PolicyStepForm AnyApprover => new() { GroupId = null };

    public static PolicyStepForm OneOf(int groupId) => new() { GroupId = groupId, RequiresAll = false };

    public static PolicyStepForm AllOf(int groupId) => new() { GroupId = groupId, RequiresAll = true };

    /// <summary>A small PNG chart, drawn here so no binary fixture is needed.</summary>
    public static byte[] Png(int width = 64, int height = 48)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(new SKColor(30, 60, 220));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
