using PressDeck.Core.Posts;

namespace PressDeck.Accounts;

/// <summary>A connected account as pages show it: everything but the secret, which is never shown again.</summary>
public sealed record ConnectedAccountView(
    int Id,
    Network Network,
    string ServerUrl,
    string Handle,
    string DisplayName,
    DateTime ConnectedAt,
    string ConnectedBy,
    DateTime? LastCheckedAt,
    string? LastCheckError,
    string PostingRoles,
    bool SignRepliesWithInitials)
{
    /// <summary>The roles that may post from the account.</summary>
    public IReadOnlyList<string> PostingRoleList => PostingRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
