using PressDeck.Core.Posts;

namespace PressDeck.Core.Publishing;

/// <summary>
/// The office account a post goes out from, with the secret a publisher signs in with (Bluesky app password, Mastodon or
/// X access token). Held in memory only while a post is being sent; never logged (<see cref="ToString"/> hides it).
/// </summary>
public sealed record PublishingAccount(Network Network, Uri Server, string Handle, string RemoteAccountId, string Secret)
{
    public override string ToString() => $"{Network} account @{Handle} on {Server.Host} (secret hidden)";
}
