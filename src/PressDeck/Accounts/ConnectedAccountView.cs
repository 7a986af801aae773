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
    string? LastCheckError);
