using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Data.Identity;
using PressDeck.Team;
using PressDeck.Testing;

namespace PressDeck.Tests.Team;

/// <summary>People for the web tests: created through Identity as an accepted invitation would, and signed in.</summary>
internal static class TestPeople
{
    public const string Password = "a long enough test password";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Starts PressDeck in this process on a free loopback port with its own data folder.</summary>
    public static async Task<WebApplication> StartAppAsync(string? folder = null, params string[] extra)
    {
        folder ??= PressDeckServer.NewDataFolder();
        var app = PressDeckApp.Build(
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Demo:Enabled=false",
            "--SignIn:AttemptsPerMinute=1000", .. extra,
        ]);
        await app.StartAsync(Cancel);
        return app;
    }

    public static string BaseUrl(WebApplication app) => app.Urls.First();

    /// <summary>Creates an active person with one role.</summary>
    public static async Task<AppUser> CreateAsync(IServiceProvider services, string role, string? email = null, string? name = null)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        await Roles.EnsureCreatedAsync(roles);

        email ??= $"{role}-{Guid.NewGuid():n}@press.example.gov.uk";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? $"Test {role}", CreatedAt = DateTime.UnixEpoch };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>A client signed in as a new person with <paramref name="role"/>.</summary>
    public static async Task<(SiteClient Client, AppUser User)> SignedInAsync(WebApplication app, string role)
    {
        var user = await CreateAsync(app.Services, role);
        var client = new SiteClient(BaseUrl(app));
        using var response = await client.SignInAsync(user.Email!, Password, Cancel);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"sign-in as {role} answered {(int)response.StatusCode}");
        return (client, user);
    }

    /// <summary>A scope signed in as a new admin, for the admin-only services behind the pages.</summary>
    public static async Task<AsyncServiceScope> AdminScopeAsync(IServiceProvider services) =>
        await ScopeAsAsync(services, await CreateAsync(services, Roles.Admin, name: "Digital Lead"));

    /// <summary>
    /// A scope whose authentication state is <paramref name="user"/>, as a Blazor circuit's would be: for calling the
    /// services behind the pages directly.
    /// </summary>
    public static async Task<AsyncServiceScope> ScopeAsAsync(IServiceProvider services, AppUser user)
    {
        var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        var principal = await factory.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, IdentityConstants.ApplicationScheme);
        var provider = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        return scope;
    }
}
