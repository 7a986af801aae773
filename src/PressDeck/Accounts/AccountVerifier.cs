using Microsoft.Extensions.Options;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Net;
using PressDeck.Core.Posts;

namespace PressDeck.Accounts;

/// <summary>
/// Tests an account's credentials by signing in on its network: Bluesky's <c>createSession</c> with the app password.
/// Server addresses are typed in by people, so every call goes through the SSRF-guarded client.
/// </summary>
public sealed class AccountVerifier(IHttpClientFactory httpClients, IOptions<OutboundHttpOptions> outbound, TimeProvider time)
{
    /// <summary>The named HttpClient for addresses people type in (built on <see cref="OutboundHttp"/>).</summary>
    public const string TypedAddressClient = "typed-addresses";

    /// <summary>The server a network's accounts usually live on, offered in the form.</summary>
    public static string DefaultServer(Network network) => network switch
    {
        Network.Bluesky => "https://bsky.social",
        Network.Mastodon => "https://",
        Network.X => "https://api.x.com",
        _ => "",
    };

    /// <summary>The networks whose accounts can be connected so far.</summary>
    public static IReadOnlyList<Network> Connectable { get; } = [Network.Bluesky];

    public async Task<AccountCheck> CheckAsync(Network network, string serverUrl, string identifier, string secret, CancellationToken cancellationToken)
    {
        if (OutboundAddressPolicy.CheckTypedUrl(serverUrl, allowedPrivateHosts: outbound.Value.AllowedPrivateHosts) is { } addressProblem)
        {
            return AccountCheck.Failed(addressProblem);
        }

        var server = new Uri(serverUrl.Trim());
        try
        {
            switch (network)
            {
                case Network.Bluesky:
                    if (string.IsNullOrWhiteSpace(identifier))
                    {
                        return AccountCheck.Failed("Enter the account's handle, e.g. pressoffice.bsky.social.");
                    }

                    if (string.IsNullOrWhiteSpace(secret))
                    {
                        return AccountCheck.Failed("Enter an app password (Bluesky: Settings, Privacy and security, App passwords).");
                    }

                    var session = await new BlueskySessionClient(httpClients.CreateClient(TypedAddressClient), time)
                        .CreateSessionAsync(server, identifier, secret, cancellationToken);
                    return session.IsActive
                        ? AccountCheck.Working(session.Handle, session.Did, session.Handle)
                        : AccountCheck.Failed($"Bluesky says the account is {session.Status ?? "not active"}.");
                default:
                    return AccountCheck.Failed($"Connecting {network} accounts is not available yet.");
            }
        }
        catch (HttpRequestException exception)
        {
            return AccountCheck.Failed(Describe(exception, server));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AccountCheck.Failed($"{server.Host} did not answer in time.");
        }
    }

    private static string Describe(HttpRequestException exception, Uri server) => exception switch
    {
        XrpcException xrpc => xrpc.Message + ".",
        { InnerException: OutboundAddressRefusedException refused } => refused.Message,
        { StatusCode: { } status } => $"{server.Host} answered {(int)status} {status}.",
        _ => $"Could not reach {server.Host}: {exception.Message}",
    };
}
