namespace PressDeck.Connectors.Net;

/// <summary>
/// Limits on PressDeck's outbound connections to addresses that people type in (feeds, Mastodon servers, webhooks):
/// SECURITY.md, server-side request forgery. Section <c>Network:Outbound</c>.
/// </summary>
public sealed class OutboundHttpOptions
{
    public const string Section = "Network:Outbound";

    /// <summary>
    /// Hosts on loopback, private or link-local addresses that PressDeck may nevertheless reach, as <c>host</c> or
    /// <c>host:port</c> (e.g. an intranet feed, or the fake servers of the tests). Cloud-metadata addresses are
    /// never reachable. Empty by default: only public addresses.
    /// </summary>
    public IList<string> AllowedPrivateHosts { get; } = [];

    /// <summary>How long a connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many redirects are followed; every hop is checked again.</summary>
    public int MaxRedirects { get; set; } = 5;
}
