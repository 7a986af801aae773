using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using PressDeck.Data;
using PressDeck.Data.Identity;

namespace PressDeck.Team;

public static class TeamServiceCollectionExtensions
{
    /// <summary>Local accounts (ASP.NET Core Identity), cookie sign-in, and the rule that everything needs sign-in unless marked otherwise.</summary>
    public static IServiceCollection AddTeam(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.AccessDeniedPath = "/account/login";
            options.Cookie.Name = "PressDeck.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.Events.OnRedirectToLogin = context =>
            {
                // The live feed and API get a plain 401; pages are sent to the sign-in form.
                if (IsMachineRequest(context.Request))
                {
                    context.HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<AppUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(10);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddSingleton<SetupToken>();
        services.AddSingleton<SetupLinkAnnouncer>();
        services.AddHostedService(provider => provider.GetRequiredService<SetupLinkAnnouncer>());
        services.AddScoped<ThemePreference>();
        return services;
    }

    private static bool IsMachineRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal)
        || request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
        || request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal);
}
