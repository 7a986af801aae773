using Microsoft.Extensions.Options;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Demo;
using PressDeck.Connectors.Feeds;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.Net;
using PressDeck.Connectors.X;
using PressDeck.Core.Lists;
using PressDeck.Monitoring.Backfill;
using PressDeck.Monitoring.Bluesky;
using PressDeck.Monitoring.Conversations;
using PressDeck.Monitoring.Deck;
using PressDeck.Monitoring.Demo;
using PressDeck.Monitoring.Feeds;
using PressDeck.Monitoring.Ingest;
using PressDeck.Monitoring.Lists;
using PressDeck.Monitoring.Live;
using PressDeck.Monitoring.Mastodon;
using PressDeck.Monitoring.Mentions;
using PressDeck.Monitoring.Search;
using PressDeck.Monitoring.Sources;
using PressDeck.Monitoring.X;

namespace PressDeck.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The ingest pipeline, the demo network, Bluesky (when enabled), live columns, lists and archive search.</summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BlueskyOptions>().BindConfiguration(BlueskyOptions.Section);
        services.AddOptions<JetstreamOptions>().BindConfiguration(JetstreamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AppViewOptions>().BindConfiguration(AppViewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();

        services.AddSingleton<IngestChannel>();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<ListDirectory>();
        services.AddSingleton<StandingQueries>();
        services.AddSingleton<SourceRegistry>();
        services.AddSingleton(provider =>
        {
            var demo = provider.GetRequiredService<IOptions<DemoOptions>>().Value;
            return new DemoWorld(demo.Seed, demo.OfficeHandle, demo.OfficeDisplayName);
        });
        services.AddSingleton<DemoPostFactory>();
        services.AddSingleton<DemoNetwork>();
        services.AddSingleton<DemoLists>();
        services.AddSingleton<IBlueskyHandles, BlueskyHandleCache>(_ => new BlueskyHandleCache());
        services.AddSingleton<JetstreamClient>();
        // One long-lived client for the source's lifetime; its connections are renewed so DNS changes are seen.
        services.AddSingleton(provider => new BlueskyAppViewClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(10) }),
            provider.GetRequiredService<IOptions<AppViewOptions>>()));
        services.AddSingleton<BlueskyIdentityResolver>();

        // X: fixed addresses from the settings; the stream's client waits as long as the stream lasts (its own read timeout applies).
        services.AddOptions<XOptions>().BindConfiguration(XOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new XStreamClient(
            new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = Timeout.InfiniteTimeSpan },
            provider.GetRequiredService<IOptions<XOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<XStreamClient>>()));
        services.AddSingleton(provider => new XStreamRulesClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(10) }),
            provider.GetRequiredService<IOptions<XOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new XApiClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(10) }),
            provider.GetRequiredService<IOptions<XOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        // News feeds: addresses people type in, so the SSRF-guarded handler; the poller follows redirects itself, hop by hop.
        services.AddOptions<FeedPollerOptions>().BindConfiguration(FeedPollerOptions.Section);
        services.AddOptions<OutboundHttpOptions>().BindConfiguration(OutboundHttpOptions.Section);
        services.AddHttpClient(NewsFeedService.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var outbound = provider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value;
                var noRedirects = new OutboundHttpOptions { ConnectTimeout = outbound.ConnectTimeout, MaxRedirects = 0 };
                foreach (var host in outbound.AllowedPrivateHosts)
                {
                    noRedirects.AllowedPrivateHosts.Add(host);
                }

                return OutboundHttp.CreateHandler(noRedirects);
            });
        services.AddSingleton<NewsFeedDirectory>();
        services.AddOptions<MastodonStreamOptions>().BindConfiguration(MastodonStreamOptions.Section);
        services.AddOptions<MastodonPollOptions>().BindConfiguration(MastodonPollOptions.Section);
        services.AddScoped<NewsFeedService>();
        services.AddScoped<ConversationService>();
        services.AddSingleton<ColumnBackfill>();
        services.AddOptions<MentionsOptions>().BindConfiguration(MentionsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DeckService>();
        services.AddScoped<ListService>();
        // Lists on the networks: importing one, and the opt-in push of a PressDeck list back.
        services.AddSingleton<INetworkLists>(provider => provider.GetRequiredService<DemoLists>());
        // Bluesky and Mastodon: servers an admin typed in, so the SSRF-guarded handler, as the publishers have.
        services.AddSingleton<INetworkLists>(provider => new BlueskyLists(
            new HttpClient(OutboundHttp.CreateHandler(provider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value)) { Timeout = Timeout.InfiniteTimeSpan },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<BlueskyLists>>(),
            provider.GetRequiredService<IOptions<BlueskyPublishingOptions>>().Value,
            provider.GetService<IBlueskyHandles>()));
        services.AddSingleton<INetworkLists>(provider => new MastodonLists(
            new HttpClient(OutboundHttp.CreateHandler(provider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value)) { Timeout = Timeout.InfiniteTimeSpan },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<MastodonLists>>(),
            provider.GetRequiredService<IOptions<MastodonPublishingOptions>>().Value));
        // X: the fixed API address from the settings (X section), with the account's own user token.
        services.AddSingleton<INetworkLists>(provider => new XLists(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(10) }),
            provider.GetRequiredService<IOptions<XOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<NetworkListDirectory>();
        services.AddSingleton<ListPushSignal>();
        services.AddOptions<ListPushOptions>().BindConfiguration(ListPushOptions.Section);
        services.AddScoped<ListTransferService>();
        services.AddSingleton<ListPusher>();

        // Hosted services start in this order: starter data and matching state first, then ingest, then the sources.
        services.AddHostedService<StarterData>();
        services.AddHostedService<IngestWorker>();
        services.AddHostedService<DemoSource>();
        services.AddHostedService<BlueskySource>();
        services.AddHostedService<XSource>();
        services.AddHostedService<FeedsSource>();
        services.AddHostedService<MastodonSource>();
        services.AddHostedService<ColumnBackfillWorker>();
        services.AddHostedService<OfficeMentionsSource>();
        services.AddHostedService<RetentionWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<ListPusher>());
        return services;
    }

    public static IEndpointRouteBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapArchiveExport();
        endpoints.MapGet(DemoMedia.UrlPrefix + "{name}", (string name) =>
            DemoMedia.TryGet(name, out var content, out var contentType)
                ? Results.File(content, contentType)
                : Results.NotFound());
        return endpoints;
    }
}
