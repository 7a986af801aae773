using PressDeck.Core.Posts;

namespace PressDeck.Accounts;

/// <summary>What an admin types to connect an account. The secret is held only until it is encrypted.</summary>
public sealed class ConnectAccountForm
{
    public Network Network { get; set; } = Network.Bluesky;

    public string ServerUrl { get; set; } = AccountVerifier.DefaultServer(Network.Bluesky);

    /// <summary>The handle or email to sign in with (Bluesky); Mastodon and X tokens name their account themselves.</summary>
    public string Identifier { get; set; } = "";

    public string Secret { get; set; } = "";
}
