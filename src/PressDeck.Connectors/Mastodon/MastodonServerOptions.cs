using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// One Mastodon server that a source reads from (protocols.md 2). Every instance is independent, so these are per
/// source rather than one configuration section: the web app fills them from the connected account.
/// </summary>
public sealed class MastodonServerOptions
{
    /// <summary>The server's address as typed in, e.g. <c>https://mastodon.social</c>; only its scheme, host and port are used.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://mastodon.social");

    /// <summary>A user token (<c>read</c>, or <c>read:statuses read:notifications read:search read:accounts</c>); streams need one since 4.2.</summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// The domain in local accounts' handles (<c>user@domain</c>) when it differs from the server's host (a server at
    /// <c>social.example.org</c> whose handles end in <c>@example.org</c>); null means the host of <see cref="BaseUrl"/>.
    /// </summary>
    public string? HandleDomain { get; set; }

    /// <summary>How long one REST request may take, headers and body.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The domain that completes a local account's <c>acct</c> into a handle.</summary>
    public string ServerHost => (string.IsNullOrWhiteSpace(HandleDomain) ? BaseUrl.IdnHost : HandleDomain.Trim()).ToLowerInvariant();
}
