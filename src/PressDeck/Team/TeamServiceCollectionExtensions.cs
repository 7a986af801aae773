using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Identity;

namespace PressDeck.Team;

public static class TeamServiceCollectionExtensions
{
    /// <summary>Local accounts (ASP.NET Core Identity), cookie sign-in, and the rule that everything needs sign-in unless marked otherwise.</summary>
    public static IServiceCollection AddTeam(this IServiceCollection services, IConfiguration configuration)
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
            options.AccessDeniedPath = "/status/403";
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
            options.Events.OnRedirectToAccessDenied = context =>
            {
                // Refusals are answered (and audited) by AuditingAuthorizationResultHandler; this only covers a forbid from elsewhere.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        // A deactivated person's or a changed role's session is re-checked against the database every few seconds.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromSeconds(5));

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
            .AddSignInManager<PressDeckSignInManager>()
            .AddClaimsPrincipalFactory<PersonClaims>()
            .AddPasswordValidator<PasswordRules>()
            .AddDefaultTokenProviders();

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var permission in Permissions.All())
        {
            authorization.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }

        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditLog>();
        services.AddScoped<PermissionGate>();
        services.AddSingleton<CircuitServicesAccessor>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitServicesAccessorHandler>();
        services.AddSignInThrottle(configuration);
        services.AddOptions<TeamOptions>().BindConfiguration(TeamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Email.EmailOptions>().BindConfiguration(Email.EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Email.EmailSender>();
        services.AddScoped<TeamService>();
        services.AddScoped<InvitationService>();
        services.AddSingleSignOn(configuration);

        services.AddSingleton<SetupToken>();
        services.AddSingleton<SetupLinkAnnouncer>();
        services.AddHostedService(provider => provider.GetRequiredService<SetupLinkAnnouncer>());
        services.AddScoped<ThemePreference>();
        return services;
    }

    /// <summary>
    /// Sign-in, two-factor, single sign-on and invitation forms accept a limited number of attempts per minute from one address (the
    /// account lockout stops guessing at one account; this stops guessing across many). Over the limit: 429 and a page
    /// that says when to try again.
    /// </summary>
    private static void AddSignInThrottle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var attempts = configuration.GetValue<int?>($"{SignInThrottleOptions.Section}:{nameof(SignInThrottleOptions.AttemptsPerMinute)}")
            ?? SignInThrottleOptions.DefaultAttemptsPerMinute;
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInAttempt(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, attempts), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
                await audit.WriteAsync(AuditActor.Anonymous("anonymous", context.HttpContext), AuditActions.SignInThrottled, context.HttpContext.Request.Path);
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from this address. Wait a minute, then try again.", cancellationToken);
            };
        });
    }

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/account/two-factor", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/account/invitation", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/account/sso", StringComparison.OrdinalIgnoreCase));

    internal static bool IsMachineRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal)
        || request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
        || request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal);
}
