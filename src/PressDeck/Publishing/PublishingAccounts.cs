using Microsoft.EntityFrameworkCore;
using PressDeck.Accounts;
using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;
using PressDeck.Data;

namespace PressDeck.Publishing;

/// <summary>Turns the account a post goes to into what a publisher signs in with, decrypting the secret only for the send.</summary>
public sealed class PublishingAccounts(DemoWorld demoWorld, AccountSecrets secrets)
{
    /// <summary>The demo network's office account, which needs no connection (it is the target when no account id is given).</summary>
    public PublishingAccount DemoOffice => new(Network.Demo, new Uri("https://demo.pressdeck.local/"), demoWorld.OfficeAccount.Handle, demoWorld.OfficeAccount.Handle, "");

    /// <summary>The account, or an explanation of why it cannot be used (removed, or its secret can no longer be read).</summary>
    public async Task<(PublishingAccount? Account, string? Problem)> ResolveAsync(AppDbContext db, Network network, int? connectedAccountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (connectedAccountId is null)
        {
            return network == Network.Demo ? (DemoOffice, null) : (null, $"No {network} account was chosen.");
        }

        var account = await db.ConnectedAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == connectedAccountId, cancellationToken);
        if (account is null)
        {
            return (null, "The account was removed from PressDeck after this post was written; connect it again or withdraw the post.");
        }

        var secret = secrets.Unprotect(account.ProtectedSecret);
        if (secret is null)
        {
            return (null, $"PressDeck can no longer read the saved password or token of @{account.Handle} (its keys changed); connect the account again.");
        }

        return (new PublishingAccount(account.Network, new Uri(account.ServerUrl), account.Handle, account.RemoteAccountId, secret), null);
    }
}
