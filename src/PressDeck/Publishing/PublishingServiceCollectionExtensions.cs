using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Demo;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.Media;
using PressDeck.Connectors.Net;
using PressDeck.Connectors.X;
using PressDeck.Core.Publishing;
using PressDeck.Data;
using PressDeck.Data.Publishing;
using PressDeck.Team;

namespace PressDeck.Publishing;

public static class PublishingServiceCollectionExtensions
{
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddOptions<PublishingOptions>().BindConfiguration(PublishingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DemoUploadStore>();
        services.AddSingleton<IDemoMediaStore>(provider => provider.GetRequiredService<DemoUploadStore>());
        services.AddSingleton<IPostPublisher, DemoPublisher>();
        // Bluesky and Mastodon: servers an admin typed in, so the SSRF-guarded handler; the publishers keep sessions, so one each.
        services.AddOptions<BlueskyPublishingOptions>().BindConfiguration(BlueskyPublishingOptions.Section);
        services.AddOptions<MastodonPublishingOptions>().BindConfiguration(MastodonPublishingOptions.Section);
        services.AddSingleton<IPostPublisher>(provider => new BlueskyPublisher(
            new HttpClient(OutboundHttp.CreateHandler(provider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value)) { Timeout = Timeout.InfiniteTimeSpan },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<BlueskyPublisher>>(),
            provider.GetRequiredService<IOptions<BlueskyPublishingOptions>>().Value));
        services.AddSingleton<IPostPublisher>(provider => new MastodonPublisher(
            new HttpClient(OutboundHttp.CreateHandler(provider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value)) { Timeout = Timeout.InfiniteTimeSpan },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<MastodonPublisher>>(),
            provider.GetRequiredService<IOptions<MastodonPublishingOptions>>().Value));
        // X: the fixed API address from the settings (X section), with the account's own user token.
        services.AddSingleton<IPostPublisher>(provider => new XPublisher(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(10) }),
            provider.GetRequiredService<IOptions<XOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PublisherDirectory>();
        services.AddSingleton<PublishingAccounts>();
        services.AddSingleton<OutgoingPostBuilder>();
        services.AddSingleton<PublishingEvents>();
        services.AddSingleton<PublishingSignal>();
        services.AddOptions<ImagePreparerOptions>().BindConfiguration(ImagePreparerOptions.Section);
        services.AddSingleton<ImagePreparer>();
        services.AddSingleton<PostSender>();
        services.AddSingleton<ApprovalNotifier>();
        services.AddHostedService<PublishingWorker>();
        services.AddScoped<ApprovalPlanner>();
        services.AddScoped<DraftService>();
        services.AddSingleton(provider => new MastodonServerLimitsClient(
            new HttpClient(OutboundHttp.CreateHandler(provider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value)) { Timeout = Timeout.InfiniteTimeSpan },
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AccountLimits>();
        services.AddScoped<Visits.VisitPlanService>();
        services.AddScoped<PressDeck.Lines.LineService>();
        services.AddScoped<PublishingPolicyService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPublishingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The demo network's media server: images published to it, by content hash (see DemoUploadStore).
        endpoints.MapGet(DemoUploadStore.UrlPrefix + "{name}", (string name, DemoUploadStore store) =>
            store.PathOf(name) is { } path && File.Exists(path)
                ? Results.File(path, DemoUploadStore.ContentTypeFor(path), enableRangeProcessing: false)
                : Results.NotFound());

        // A draft's stored image, for the composer's and the approvers' previews: the author's own, or any submitted post's.
        endpoints.MapGet("/publishing/images/{draftId:int}/{imageId:int}", async (int draftId, int imageId, HttpContext context, AppDbContext db, CancellationToken cancellationToken) =>
        {
            var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var draft = await db.Drafts.AsNoTracking().Where(d => d.Id == draftId).Select(d => new { d.AuthorUserId, d.State }).FirstOrDefaultAsync(cancellationToken);
            var mayApprove = Roles.All.Any(role => context.User.IsInRole(role) && Permissions.Allows(role, Permissions.ApprovePosts));
            if (draft is null || (draft.AuthorUserId != userId && draft.State == DraftState.Editing && !mayApprove
                && !await db.VisitPlanItems.AnyAsync(i => i.DraftId == draftId, cancellationToken)))
            {
                return Results.NotFound();
            }

            var image = await db.DraftImages.AsNoTracking().Where(i => i.Id == imageId && i.DraftId == draftId)
                .Select(i => new { i.Content, i.MediaType }).FirstOrDefaultAsync(cancellationToken);
            return image is null ? Results.NotFound() : Results.File(image.Content, image.MediaType);
        }).RequireAuthorization(Permissions.DraftPosts);
        return endpoints;
    }
}
