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

    // One sign-in in flight per account (protocols.md 1.4): callers that arrive meanwhile wait for it and share it.
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _signingIn = new();

    public BlueskySessionClient Client => new(httpClients.CreateClient(AccountVerifier.TypedAddressClient), time);

    public async Task<BlueskySession> GetAsync(AccountCredentials account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Cached(account.AccountId) is { } cached)
        {
            return cached;
        }

        var gate = _signingIn.GetOrAdd(account.AccountId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Cached(account.AccountId) is { } signedIn)
            {
                return signedIn;
            }

            var session = await Client.CreateSessionAsync(account.Server, account.Handle, account.Secret, cancellationToken);
            _sessions[account.AccountId] = (session, time.GetUtcNow());
            return session;
        }
        finally
        {
            gate.Release();
        }
    }

    private BlueskySession? Cached(int accountId) =>
        _sessions.TryGetValue(accountId, out var cached) && time.GetUtcNow() - cached.At < Reuse ? cached.Session : null;

    /// <summary>Forgets a session the server no longer accepts, so the next call signs in again.</summary>
    public void Forget(int accountId) => _sessions.TryRemove(accountId, out _);
}
