using PressDeck.Core.Posts;

namespace PressDeck.Data.Accounts;

/// <summary>
/// One network credential of the office: an account on Bluesky, Mastodon or X that PressDeck signs in to (for its
/// notifications and, later, for publishing). The secret (app password, access token) is kept only encrypted with ASP.NET
/// Core Data Protection, whose keys live outside the database; it is never shown again after saving.
/// </summary>
public sealed class ConnectedAccount
{
    public int Id { get; set; }

    public Network Network { get; set; }

    /// <summary>The server the account lives on: the Mastodon instance, the Bluesky PDS or entryway, X's API.</summary>
    public string ServerUrl { get; set; } = "";

    /// <summary>The account's handle as the network confirmed it when the connection was tested.</summary>
    public string Handle { get; set; } = "";

    /// <summary>The account's own id on its network (Bluesky DID, Mastodon account id, X user id).</summary>
    public string RemoteAccountId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>The secret, as Data Protection's protected payload; never the secret itself.</summary>
    public string ProtectedSecret { get; set; } = "";

    public DateTime ConnectedAt { get; set; }

    /// <summary>The name of the admin who connected it.</summary>
    public string ConnectedBy { get; set; } = "";

    public DateTime? LastCheckedAt { get; set; }

    /// <summary>What went wrong at the last check, in words; null when it worked.</summary>
    public string? LastCheckError { get; set; }

    /// <summary>The roles that may post from this account, comma-separated (e.g. <c>admin,approver,officer</c>).</summary>
    public string PostingRoles { get; set; } = "admin,approver,officer";

    /// <summary>Whether replies from this account end with the officer's initials (e.g. "^SL"), as press offices sign them.</summary>
    public bool SignRepliesWithInitials { get; set; }
}
