using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data;
using PressDeck.Monitoring.Deck;
using PressDeck.Monitoring.Live;
using PressDeck.Team;
using PressDeck.Testing;

namespace PressDeck.Tests.Team;

/// <summary>Issue 5: the office's standard deck, columns shared with the team, and the trainee's sandbox deck.</summary>
[Trait("Issue", "5")]
public sealed class TeamDeckTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_shared_column_is_offered_to_colleagues_who_add_a_copy_and_sharing_is_audited()
    {
        await using var app = await TestPeople.StartAppAsync();
        var alice = await TestPeople.CreateAsync(app.Services, Roles.Officer, name: "Alice Officer");
        var bob = await TestPeople.CreateAsync(app.Services, Roles.Officer, name: "Bob Officer");
        var viewer = await TestPeople.CreateAsync(app.Services, Roles.Viewer);

        int shared;
        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, alice))
        {
            var decks = scope.ServiceProvider.GetRequiredService<DeckService>();
            await decks.GetOrCreateDeckAsync(alice.Id, Cancel);
            shared = (await decks.AddColumnAsync(alice.Id, new ColumnDraft("Energy bill", "#energybill OR \"energy bill\"", "hashtag"), Cancel)).Column!.Id;
            await decks.ShareColumnAsync(alice.Id, shared, true, Cancel);
            Assert.Empty(await decks.SharedColumnsAsync(alice.Id, Cancel));
        }

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, bob))
        {
            var decks = scope.ServiceProvider.GetRequiredService<DeckService>();
            var before = await decks.GetOrCreateDeckAsync(bob.Id, Cancel);
            var offered = Assert.Single(await decks.SharedColumnsAsync(bob.Id, Cancel));
            Assert.Equal(("Energy bill", "Alice Officer"), (offered.Name, offered.SharedBy));

            var added = await decks.AddSharedColumnAsync(bob.Id, offered.Id, Cancel);

            Assert.NotEqual(shared, added.Column!.Id);
            var after = await decks.GetOrCreateDeckAsync(bob.Id, Cancel);
            Assert.Equal(before.Columns.Count + 1, after.Columns.Count);
            Assert.Equal("#energybill OR \"energy bill\"", after.Columns[^1].Query);
        }

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, viewer))
        {
            var decks = scope.ServiceProvider.GetRequiredService<DeckService>();
            var deck = await decks.GetOrCreateDeckAsync(viewer.Id, Cancel);
            await Assert.ThrowsAsync<PermissionDeniedException>(() => decks.ShareColumnAsync(viewer.Id, deck.Columns[0].Id, true, Cancel));
            await Assert.ThrowsAsync<PermissionDeniedException>(() => decks.AddSharedColumnAsync(viewer.Id, shared, Cancel));
        }

        await using var check = app.Services.CreateAsyncScope();
        var entry = await check.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.SingleAsync(e => e.Action == AuditActions.ColumnShared, Cancel);
        Assert.Equal(alice.Id, entry.ActorId);
        Assert.Contains("Energy bill", entry.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_makes_their_deck_the_standard_deck_that_newcomers_start_with()
    {
        await using var app = await TestPeople.StartAppAsync();
        var admin = await TestPeople.CreateAsync(app.Services, Roles.Admin);
        var existing = await TestPeople.CreateAsync(app.Services, Roles.Officer);
        IReadOnlyList<string> existingColumns;
        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, existing))
        {
            existingColumns = (await scope.ServiceProvider.GetRequiredService<DeckService>().GetOrCreateDeckAsync(existing.Id, Cancel)).Columns.Select(c => c.Name).ToList();
        }

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, admin))
        {
            var decks = scope.ServiceProvider.GetRequiredService<DeckService>();
            var deck = await decks.GetOrCreateDeckAsync(admin.Id, Cancel);
            foreach (var column in deck.Columns)
            {
                await decks.RemoveColumnAsync(admin.Id, column.Id, Cancel);
            }

            await decks.AddColumnAsync(admin.Id, new ColumnDraft("Minister's visit", "#ministervisit", "hashtag"), Cancel);
            await decks.AddColumnAsync(admin.Id, new ColumnDraft("Energy", "energy", "search"), Cancel);
            Assert.Equal(2, await decks.UseAsOfficeDeckAsync(admin.Id, Cancel));
            Assert.Equal(["Minister's visit", "Energy"], (await decks.OfficeDeckAsync(Cancel)).Select(c => c.Name));
        }

        var newcomer = await TestPeople.CreateAsync(app.Services, Roles.Officer);
        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, newcomer))
        {
            var deck = await scope.ServiceProvider.GetRequiredService<DeckService>().GetOrCreateDeckAsync(newcomer.Id, Cancel);
            Assert.Equal(["Minister's visit", "Energy"], deck.Columns.Select(c => c.Name));
        }

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, existing))
        {
            var deck = await scope.ServiceProvider.GetRequiredService<DeckService>().GetOrCreateDeckAsync(existing.Id, Cancel);
            Assert.Equal(existingColumns, deck.Columns.Select(c => c.Name));
            await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<DeckService>().UseAsOfficeDeckAsync(existing.Id, Cancel));
        }

        await using var check = app.Services.CreateAsyncScope();
        Assert.True(await check.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AnyAsync(e => e.Action == AuditActions.OfficeDeckChanged && e.ActorId == admin.Id, Cancel));
    }

    [Fact]
    public async Task A_trainees_columns_match_only_the_training_sandbox_also_after_a_restart()
    {
        var folder = PressDeckServer.NewDataFolder();
        var trainee = default(Data.Identity.AppUser)!;
        int columnId;
        await using (var app = await TestPeople.StartAppAsync(folder))
        {
            trainee = await TestPeople.CreateAsync(app.Services, Roles.Trainee);
            await using var scope = await TestPeople.ScopeAsAsync(app.Services, trainee);
            var decks = scope.ServiceProvider.GetRequiredService<DeckService>();
            var deck = await decks.GetOrCreateDeckAsync(trainee.Id, Cancel);
            Assert.All(deck.Columns, column => Assert.True(column.SandboxOnly));
            var saved = await decks.AddColumnAsync(trainee.Id, new ColumnDraft("Budget", "budget"), Cancel);
            columnId = saved.Column!.Id;
            Assert.True(saved.Column.SandboxOnly);
            AssertSandboxed(app.Services.GetRequiredService<StandingQueries>(), columnId);
        }

        await using (var restarted = await TestPeople.StartAppAsync(folder))
        {
            AssertSandboxed(restarted.Services.GetRequiredService<StandingQueries>(), columnId);
        }
    }

    private static void AssertSandboxed(StandingQueries queries, int columnId)
    {
        var query = Assert.IsType<AndNode>(queries.Queries.Single(q => q.Key == columnId).Value);
        Assert.Contains(new NetworkNode(Network.Demo), query.Operands);
    }
}
