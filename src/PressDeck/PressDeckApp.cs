using MudBlazor.Services;
using PressDeck.Accounts;
using PressDeck.Audit;
using PressDeck.Components;
using PressDeck.Contacts;
using PressDeck.Inbox;
using PressDeck.Monitoring;
using PressDeck.Publishing;
using PressDeck.Rebuttals;
using PressDeck.Storage;
using PressDeck.Team;

namespace PressDeck;

/// <summary>Builds the PressDeck web host; Program and the tests start it the same way.</summary>
public static class PressDeckApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the program's own folder, so its settings and assets are found from any working directory;
        // the data folder (./data by default) stays relative to where PressDeck is started.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(PressDeckApp).Assembly.GetName().Name,
        });
        builder.Host.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = true;
            options.ValidateOnBuild = true;
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddTeam(builder.Configuration);
        builder.Services.AddAccounts();
        builder.Services.AddMonitoring();
        builder.Services.AddPublishing();
        builder.Services.AddInbox();
        builder.Services.AddRebuttals();
        builder.Services.AddContacts();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddHealthChecks();
        // SecurityHeaders sends X-Frame-Options for every response; antiforgery would add a second, different one.
        builder.Services.AddAntiforgery(options =>
        {
            options.SuppressXFrameOptionsHeader = true;
            // Secure whenever the page came over HTTPS (the framework's default sends it over plain HTTP too).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseSecurityHeaders();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseLiveFeedSignInRequirement();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapTeamEndpoints();
        app.MapMonitoringEndpoints();
        app.MapAuditEndpoints();
        app.MapPublishingEndpoints();
        app.MapContactEndpoints();
        // Framing is refused by SecurityHeaders (frame-ancestors 'none'); Blazor's own, looser default would be a second policy.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
