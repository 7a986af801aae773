using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Contacts;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Audit;
using PressDeck.Data.Identity;
using PressDeck.Team;
using PressDeck.Tests.Publishing;

namespace PressDeck.Tests.Contacts;

/// <summary>A press office for the contacts tests: <see cref="ApprovalDesk"/> (PressDeck on a fake clock, real SQLite) and the steps they repeat.</summary>
internal sealed class ContactDesk : IAsyncDisposable
{
    private ContactDesk(ApprovalDesk desk) => Desk = desk;

    public ApprovalDesk Desk { get; }

    public IServiceProvider Services => Desk.Services;

    public DateTime Now => Desk.Now;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<ContactDesk> StartAsync() => new(await ApprovalDesk.StartAsync());

    public async ValueTask DisposeAsync() => await Desk.DisposeAsync();

    public Task<AppUser> PersonAsync(string role, string name) => Desk.PersonAsync(role, name);

    public async Task<T> AsAsync<T>(AppUser person, Func<ContactService, Task<T>> action)
    {
        await using var scope = await Desk.AsAsync(person);
        return await action(scope.ServiceProvider.GetRequiredService<ContactService>());
    }

    public async Task AsAsync(AppUser person, Func<ContactService, Task> action)
    {
        await using var scope = await Desk.AsAsync(person);
        await action(scope.ServiceProvider.GetRequiredService<ContactService>());
    }

    public async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task<List<AuditEntry>> AuditAsync(string action) =>
        DbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync(Cancel));

    /// <summary>Posts as the networks would have brought them into the archive.</summary>
    public async Task ArchiveAsync(params Post[] posts)
    {
        await using var scope = Services.CreateAsyncScope();
        var archive = scope.ServiceProvider.GetRequiredService<IPostArchive>();
        await archive.AddAsync(posts.Select(p => new ArchiveEntry(p, PostAnalyzer.Analyze(p), p.CreatedAt)).ToList(), Cancel);
    }

    public static Post BlueskyPost(string id, string author, string text, DateTime at, string? replyTo = null, string? quoteOf = null) => new()
    {
        Network = Network.Bluesky,
        RemoteId = $"at://{author}/app.bsky.feed.post/{id}",
        Author = new Author(author, author),
        Text = text,
        CreatedAt = at,
        Kind = replyTo is not null ? PostKind.Reply : quoteOf is not null ? PostKind.Quote : PostKind.Post,
        ReplyToHandle = replyTo,
        QuoteOfId = quoteOf,
    };

    public static ContactForm Jane => new()
    {
        Name = "Jane Doe",
        Outlet = "The Chronicle",
        Beat = "Housing",
        Email = "jane.doe@chronicle.example",
        Phone = "+44 20 7946 0000",
        Notes = "Prefers calls before 11.",
        Handles = [new ContactHandleForm(Network.X, "@Jane_Doe"), new ContactHandleForm(Network.Bluesky, "jane.bsky.social")],
    };

    public static Task<AppUser> AdminAsync(ContactDesk desk) => desk.PersonAsync(Roles.Admin, "Dana Lead");
}
