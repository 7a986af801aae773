using Microsoft.Extensions.Options;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.Net;
using PressDeck.Connectors.X;
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
    public static IReadOnlyList<Network> Connectable { get; } = [Network.Bluesky, Network.Mastodon, Network.X];

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
                case Network.Mastodon:
                    if (string.IsNullOrWhiteSpace(secret))
                    {
                        return AccountCheck.Failed("Enter an access token (Mastodon: Preferences, Development, New application; read scopes are enough to monitor).");
                    }

                    var mastodon = new MastodonApiClient(httpClients.CreateClient(TypedAddressClient), new MastodonServerOptions { BaseUrl = server, AccessToken = secret }, time);
                    var account = await mastodon.VerifyCredentialsAsync(cancellationToken);
                    return AccountCheck.Working(account.Handle, account.Id, string.IsNullOrWhiteSpace(account.DisplayName) ? account.Handle : account.DisplayName);
                case Network.X:
                    if (string.IsNullOrWhiteSpace(secret))
                    {
                        return AccountCheck.Failed("Enter the account's OAuth 2.0 user access token (from the X developer portal).");
                    }

                    var x = new XApiClient(httpClients.CreateClient(TypedAddressClient), Options.Create(new XOptions { ApiUrl = server }), time);
                    var me = await x.GetMeAsync(new XBearerToken(secret), cancellationToken);
                    return AccountCheck.Working(me.Username, me.Id, me.Name);
                default:
                    return AccountCheck.Failed($"{network} has no accounts to connect.");
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
        XrpcException or MastodonApiException or XApiException => exception.Message.TrimEnd('.') + ".",
        { InnerException: OutboundAddressRefusedException refused } => refused.Message,
        { StatusCode: { } status } => $"{server.Host} answered {(int)status} {status}.",
        _ => $"Could not reach {server.Host}: {exception.Message}",
    };
}
