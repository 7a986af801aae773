using System.Collections.Concurrent;
using PressDeck.Connectors.Bluesky;

namespace PressDeck.Accounts;

/// <summary>
/// Signed-in sessions of the connected Bluesky accounts, kept in memory and reused: Bluesky allows an account only 30
/// sign-ins in five minutes (protocols.md 1.2), so PressDeck signs in again only when a session is an hour old or the
/// server says it expired.
/// </summary>
public sealed class BlueskySessions(IHttpClientFactory httpClients, TimeProvider time)
{
    private static readonly TimeSpan Reuse = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<int, (BlueskySession Session, DateTimeOffset At)> _sessions = new();

    public BlueskySessionClient Client => new(httpClients.CreateClient(AccountVerifier.TypedAddressClient), time);

    public async Task<BlueskySession> GetAsync(AccountCredentials account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (_sessions.TryGetValue(account.AccountId, out var cached) && time.GetUtcNow() - cached.At < Reuse)
        {
            return cached.Session;
        }

        var session = await Client.CreateSessionAsync(account.Server, account.Handle, account.Secret, cancellationToken);
        _sessions[account.AccountId] = (session, time.GetUtcNow());
        return session;
    }

    /// <summary>Forgets a session the server no longer accepts, so the next call signs in again.</summary>
    public void Forget(int accountId) => _sessions.TryRemove(accountId, out _);
}
