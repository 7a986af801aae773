using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// The signed-in sessions of the accounts <see cref="BlueskyPublisher"/> publishes from, in memory, by server and handle:
/// Bluesky allows an account 30 sign-ins in five minutes (protocols.md 1.2), so a session is kept until the server says
/// its token expired, then refreshed (protocols.md 1.4), or replaced by a new sign-in when the refresh token is refused
/// too or the app password changed. One sign-in or refresh per account at a time: callers that arrive meanwhile wait and
/// share its result, since a refresh token works once. Thread-safe.
/// </summary>
internal sealed class BlueskyPublishingSessions(BlueskySessionClient client)
{
    private readonly ConcurrentDictionary<string, AccountSessions> _accounts = new(StringComparer.Ordinal);

    /// <summary>The account's session, signing in when there is none (or the app password is no longer the one it used).</summary>
    public async Task<BlueskySession> GetAsync(PublishingAccount account, CancellationToken cancellationToken)
    {
        var entry = EntryOf(account);
        var fingerprint = Fingerprint(account.Secret);
        if (entry.Current is { } current && current.SecretFingerprint == fingerprint)
        {
            return current.Session;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Current is { } signedIn && signedIn.SecretFingerprint == fingerprint)
            {
                return signedIn.Session;
            }

            var session = await client.CreateSessionAsync(account.Server, account.Handle, account.Secret, cancellationToken);
            entry.Current = new SignedIn(session, fingerprint);
            return session;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// A session to use instead of <paramref name="stale"/>, which the server refused: refreshed when
    /// <paramref name="canRefresh"/> (only the access token expired), else, or when the refresh is refused, a new sign-in.
    /// When another caller already replaced <paramref name="stale"/>, its session is returned.
    /// </summary>
    public async Task<BlueskySession> RenewAsync(PublishingAccount account, BlueskySession stale, bool canRefresh, CancellationToken cancellationToken)
    {
        var entry = EntryOf(account);
        var fingerprint = Fingerprint(account.Secret);
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Current is { } current && current.SecretFingerprint == fingerprint && current.Session.AccessJwt != stale.AccessJwt)
            {
                return current.Session;
            }

            BlueskySession? renewed = null;
            if (canRefresh)
            {
                try
                {
                    renewed = await client.RefreshSessionAsync(account.Server, stale.RefreshJwt, cancellationToken);
                }
                catch (XrpcException exception) when ((int?)exception.StatusCode is 400 or 401)
                {
                    // The refresh token expired or was revoked (ExpiredToken, InvalidToken): sign in again below.
                }
            }

            renewed ??= await client.CreateSessionAsync(account.Server, account.Handle, account.Secret, cancellationToken);
            entry.Current = new SignedIn(renewed, fingerprint);
            return renewed;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private AccountSessions EntryOf(PublishingAccount account)
    {
        var key = account.Server.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + "\n" + account.Handle.Trim().TrimStart('@').ToLowerInvariant();
        return _accounts.GetOrAdd(key, _ => new AccountSessions());
    }

    /// <summary>A hash of the app password, so that a changed password signs in again; the password itself is not kept.</summary>
    private static string Fingerprint(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private sealed record SignedIn(BlueskySession Session, string SecretFingerprint);

    private sealed class AccountSessions
    {
        private SignedIn? _current;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public SignedIn? Current
        {
            get => Volatile.Read(ref _current);
            set => Volatile.Write(ref _current, value);
        }
    }
}
