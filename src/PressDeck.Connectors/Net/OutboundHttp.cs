using System.Net;
using System.Net.Sockets;

namespace PressDeck.Connectors.Net;

/// <summary>
/// HTTP handlers for addresses that people type in. The address check runs where the connection is made, after DNS
/// resolution and for every redirect hop, and PressDeck connects to exactly the address it checked, so neither a
/// redirect nor a DNS answer that changes between check and use (rebinding) reaches an internal address.
/// </summary>
public static class OutboundHttp
{
    /// <summary>
    /// A handler that refuses non-public addresses except the operator's <see cref="OutboundHttpOptions.AllowedPrivateHosts"/>.
    /// No proxy is used: a proxy would resolve the names itself, past the check.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(OutboundHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var allowedPrivateHosts = options.AllowedPrivateHosts.ToArray();
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = options.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            UseProxy = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowedPrivateHosts, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, string[] allowedPrivateHosts, CancellationToken cancellationToken)
    {
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var isAllowedPrivate = OutboundAddressPolicy.IsAllowedPrivateHost(host, endpoint.Port, allowedPrivateHosts);
        var permitted = addresses
            .Where(address => !OutboundAddressPolicy.IsMetadata(address) && (isAllowedPrivate || OutboundAddressPolicy.IsPublic(address)))
            .ToArray();
        if (permitted.Length == 0)
        {
            throw new OutboundAddressRefusedException(addresses.Length == 0
                ? $"{host} does not resolve to any address."
                : $"{host} resolves to {string.Join(", ", addresses.Select(address => address.ToString()))}, a private, local or reserved address, which PressDeck does not connect to.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
