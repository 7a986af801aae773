using Microsoft.Extensions.Logging.Abstractions;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.Net;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Mastodon;

/// <summary>Clients for <see cref="FakeMastodonServer"/>, built as the web host builds them: on the SSRF-guarded handler, with 127.0.0.1 allowed.</summary>
internal static class MastodonTestClients
{
    public static HttpClient Http(bool allowLoopback = true)
    {
        var outbound = new OutboundHttpOptions();
        if (allowLoopback)
        {
            outbound.AllowedPrivateHosts.Add("127.0.0.1");
        }

        return new HttpClient(OutboundHttp.CreateHandler(outbound)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public static MastodonServerOptions Server(FakeMastodonServer server, bool withToken = true) => new()
    {
        BaseUrl = server.Url,
        AccessToken = withToken ? FakeMastodonServer.Token : null,
        HandleDomain = "mastodon.social",
        RequestTimeout = TimeSpan.FromSeconds(2),
    };

    public static MastodonStreamOptions Stream(MastodonTransport transport) => new()
    {
        Transport = transport,
        ReadTimeout = TimeSpan.FromSeconds(1.5),
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaximumBackoff = TimeSpan.FromMilliseconds(200),
    };

    public static MastodonStreamClient StreamClient(HttpClient http, FakeMastodonServer server, MastodonTransport transport) =>
        new(http, Server(server), Stream(transport), TimeProvider.System, NullLogger<MastodonStreamClient>.Instance);
}
