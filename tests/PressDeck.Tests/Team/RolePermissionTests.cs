using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Accounts;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Identity;
using PressDeck.Monitoring.Deck;
using PressDeck.Monitoring.Feeds;
using PressDeck.Monitoring.Lists;
using PressDeck.Team;

namespace PressDeck.Tests.Team;

/// <summary>
/// Issue 5: every role against every protected page, endpoint, the live feed and the actions behind the pages. What the
/// role allows works; everything else is refused with 403 (or <see cref="PermissionDeniedException"/> inside a page) and
/// the refusal is in the audit trail.
/// </summary>
[Trait("Issue", "5")]
public sealed class RolePermissionTests(RolePermissionTests.AppFixture fixture) : IClassFixture<RolePermissionTests.AppFixture>
{
    /// <summary>Every protected address and the permission it needs.</summary>
    public static readonly TheoryData<string, string, string> Endpoints = Build();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_reaches_what_its_permissions_allow_and_is_refused_the_rest_with_403_audited(string role, string path, string permission)
    {
        var (client, person) = await fixture.ClientAsync(role);
        var allowed = Permissions.Allows(role, permission);

        using var response = await client.Http.GetAsync(path, Cancel);

        Assert.True(
            response.StatusCode == (allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
            $"{role} on {path} ({permission}): expected {(allowed ? 200 : 403)}, got {(int)response.StatusCode}");
        var refusals = await fixture.RefusalsAsync(person.Id, path.Split('?')[0]);
        Assert.Equal(allowed ? 0 : 1, refusals);
    }

    [Theory]
    [MemberData(nameof(RoleNames))]
    public async Task Every_role_opens_the_live_feed_while_signed_in(string role)
    {
        var (client, _) = await fixture.ClientAsync(role);

        using var negotiate = await client.Http.PostAsync("_blazor/negotiate?negotiateVersion=1", content: null, Cancel);

        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        Assert.Contains("connectionToken", await negotiate.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Each_role_may_take_the_actions_behind_the_pages_its_permissions_allow(string role, string action)
    {
        var person = await TestPeople.CreateAsync(fixture.App.Services, role);
        await using var scope = await TestPeople.ScopeAsAsync(fixture.App.Services, person);
        var (permission, act) = ActionTable[action];
        var allowed = Permissions.Allows(role, permission);

        if (allowed)
        {
            await act(scope.ServiceProvider, person);
            Assert.Equal(0, await fixture.RefusalsAsync(person.Id, null));
        }
        else
        {
            var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() => act(scope.ServiceProvider, person));
            Assert.Equal(permission, denied.Permission);
            Assert.Contains(Roles.Title(role), denied.Message, StringComparison.Ordinal);
            Assert.Equal(1, await fixture.RefusalsAsync(person.Id, null));
        }
    }

    [Fact]
    public async Task A_deactivated_person_loses_pages_live_feed_and_actions_and_cannot_sign_in_again()
    {
        var (client, person) = await fixture.ClientAsync(Roles.Officer, reuse: false);
        using (var before = await client.Http.GetAsync("", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var admin = await TestPeople.AdminScopeAsync(fixture.App.Services))
        {
            Assert.Null(await admin.ServiceProvider.GetRequiredService<TeamService>().DeactivateAsync(person.Id, Cancel));
        }

        // The session is re-checked against the database at most 5 seconds after it was last checked.
        await Task.Delay(TimeSpan.FromSeconds(6), Cancel);
        using var page = await client.Http.GetAsync("", Cancel);
        using var negotiate = await client.Http.PostAsync("_blazor/negotiate?negotiateVersion=1", content: null, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);

        await using (var scope = await TestPeople.ScopeAsAsync(fixture.App.Services, person))
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<DeckService>().GetOrCreateDeckAsync(person.Id, Cancel));
        }

        using var again = new Testing.SiteClient(TestPeople.BaseUrl(fixture.App));
        using var signIn = await again.SignInAsync(person.Email!, TestPeople.Password, Cancel);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("This account has been deactivated", await signIn.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        // Someone without the password is not told that the address belonged to a colleague.
        using var guess = await again.SignInAsync(person.Email!, "a wrong but long enough guess", Cancel);
        var guessed = await guess.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("deactivated", guessed, StringComparison.Ordinal);
        Assert.Contains("do not match an account", guessed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_acts_on_someone_elses_deck()
    {
        var owner = await TestPeople.CreateAsync(fixture.App.Services, Roles.Officer);
        var other = await TestPeople.CreateAsync(fixture.App.Services, Roles.Admin);
        await using var scope = await TestPeople.ScopeAsAsync(fixture.App.Services, other);

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            scope.ServiceProvider.GetRequiredService<DeckService>().AddColumnAsync(owner.Id, new ColumnDraft("Theirs", "budget"), Cancel));
        Assert.Equal(1, await fixture.RefusalsAsync(other.Id, null));
    }

    public static TheoryData<string> RoleNames() => new(Roles.All);

    public static TheoryData<string, string> Actions()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Roles.All)
        {
            foreach (var action in ActionTable.Keys)
            {
                data.Add(role, action);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, (string Permission, Func<IServiceProvider, AppUser, Task> Act)> ActionTable = new()
    {
        ["open own deck"] = (Permissions.ViewDeck, async (services, person) =>
            Assert.NotNull(await services.GetRequiredService<DeckService>().GetOrCreateDeckAsync(person.Id, Cancel))),
        ["add a column"] = (Permissions.EditDeck, async (services, person) =>
        {
            await services.GetRequiredService<DeckService>().GetOrCreateDeckAsync(person.Id, Cancel);
            Assert.NotNull((await services.GetRequiredService<DeckService>().AddColumnAsync(person.Id, new ColumnDraft("Budget", "budget"), Cancel)).Column);
        }
        ),
        ["read lists"] = (Permissions.ViewLists, async (services, _) =>
            Assert.NotNull(await services.GetRequiredService<ListService>().GetAllAsync(Cancel))),
        ["create a list"] = (Permissions.EditLists, async (services, _) =>
            Assert.Null(await services.GetRequiredService<ListService>().CreateAsync("Lobby " + Guid.NewGuid().ToString("n")[..8], "", Cancel))),
        ["add a desk"] = (Permissions.ManageTeam, async (services, _) =>
            Assert.Null(await services.GetRequiredService<TeamService>().AddDeskAsync("Energy " + Guid.NewGuid().ToString("n")[..8], "", null, Cancel))),
        ["invite someone"] = (Permissions.ManageTeam, async (services, _) =>
        {
            var result = await services.GetRequiredService<InvitationService>().InviteAsync(
                new InvitationForm { Email = $"new-{Guid.NewGuid():n}@press.example.gov.uk", DisplayName = "New Officer", Role = Roles.Officer },
                "http://127.0.0.1/",
                Cancel);
            Assert.Null(result.Error);
            Assert.NotNull(result.Link);
        }
        ),
        ["see the team"] = (Permissions.ManageTeam, async (services, _) =>
            Assert.NotEmpty((await services.GetRequiredService<TeamService>().GetAsync(Cancel)).People)),
        ["set who may post from an account"] = (Permissions.ManageAccounts, async (services, _) =>
            Assert.Equal("That account is no longer connected.", await services.GetRequiredService<ConnectedAccountService>().SetPostingAsync(int.MaxValue, [Roles.Officer], true, Cancel))),
        ["remove a news feed"] = (Permissions.ManageSources, async (services, _) =>
            Assert.False(await services.GetRequiredService<NewsFeedService>().RemoveAsync(int.MaxValue, Cancel))),
    };

    private static TheoryData<string, string, string> Build()
    {
        (string Path, string Permission)[] endpoints =
        [
            ("", Permissions.ViewDeck),
            ("search?q=budget", Permissions.SearchArchive),
            ("lists", Permissions.ViewLists),
            ("admin/team", Permissions.ManageTeam),
            ("admin/sources", Permissions.ManageSources),
            ("admin/ingest", Permissions.ManageSources),
            ("api/archive/export.csv?q=budget", Permissions.ExportArchive),
            ("admin/audit", Permissions.ViewAudit),
            ("api/audit/export.csv", Permissions.ViewAudit),
            ("contacts", Permissions.ViewContacts),
            ("api/contacts/export.csv", Permissions.ManageContactData),
        ];
        var data = new TheoryData<string, string, string>();
        foreach (var role in Roles.All)
        {
            foreach (var (path, permission) in endpoints)
            {
                data.Add(role, path, permission);
            }
        }

        return data;
    }

    public sealed class AppFixture : IAsyncLifetime
    {
        private readonly Dictionary<string, (Testing.SiteClient, AppUser)> _clients = [];
        private readonly SemaphoreSlim _gate = new(1, 1);

        public WebApplication App { get; private set; } = default!;

        public async ValueTask InitializeAsync() => App = await TestPeople.StartAppAsync();

        /// <summary>A signed-in client for the role (one per role, reused across rows unless <paramref name="reuse"/> is false).</summary>
        public async Task<(Testing.SiteClient Client, AppUser Person)> ClientAsync(string role, bool reuse = true)
        {
            await _gate.WaitAsync(Cancel);
            try
            {
                if (reuse && _clients.TryGetValue(role, out var existing))
                {
                    return existing;
                }

                var created = await TestPeople.SignedInAsync(App, role);
                if (reuse)
                {
                    _clients[role] = created;
                }

                return created;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>How many refusals of this person at this path (anywhere when null) the audit trail holds.</summary>
        public async Task<int> RefusalsAsync(string personId, string? path)
        {
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var target = "GET /" + path;
            return await db.AuditEntries.CountAsync(
                e => e.Action == AuditActions.AccessRefused && e.ActorId == personId && (path == null || e.Target == target),
                Cancel);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (client, _) in _clients.Values)
            {
                client.Dispose();
            }

            _gate.Dispose();
            await App.DisposeAsync();
        }
    }
}
