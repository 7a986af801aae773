using PressDeck.Core.Posts;

namespace PressDeck.Accounts;

/// <summary>What a source needs to sign in as a connected account. Held in memory only while it is used; never logged.</summary>
public sealed record AccountCredentials(int AccountId, Network Network, Uri Server, string Handle, string Secret, string RemoteAccountId = "")
{
    public override string ToString() => $"{Network} account @{Handle} on {Server.Host} (secret hidden)";
}
