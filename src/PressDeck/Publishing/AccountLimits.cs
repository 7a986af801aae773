using Microsoft.EntityFrameworkCore;
using PressDeck.Connectors.Mastodon;
using PressDeck.Core.Posts;
using PressDeck.Data;

namespace PressDeck.Publishing;

/// <summary>
/// The character limit each connected account's own server sets, where it sets one: a Mastodon server's
/// <c>max_characters</c> (read from its instance document and kept for a few hours). Other networks, and a server that
/// cannot be asked, keep the network's default.
/// </summary>
public sealed class AccountLimits(IServiceScopeFactory scopeFactory, MastodonServerLimitsClient mastodon)
{
    /// <summary>The limits by connected account id, for the given accounts that have one of their own.</summary>
    public async Task<IReadOnlyDictionary<int, int>> ForAccountsAsync(IEnumerable<(Network Network, int? ConnectedAccountId)> accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var ids = accounts.Where(a => a.Network == Network.Mastodon && a.ConnectedAccountId is not null).Select(a => a.ConnectedAccountId!.Value).Distinct().ToList();
        var limits = new Dictionary<int, int>();
        if (ids.Count == 0)
        {
            return limits;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var servers = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ConnectedAccounts.AsNoTracking()
            .Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.ServerUrl }).ToListAsync(cancellationToken);
        foreach (var account in servers)
        {
            if (Uri.TryCreate(account.ServerUrl, UriKind.Absolute, out var server)
                && await mastodon.GetAsync(server, cancellationToken) is { MaxCharacters: > 0 } read)
            {
                limits[account.Id] = read.MaxCharacters;
            }
        }

        return limits;
    }
}
