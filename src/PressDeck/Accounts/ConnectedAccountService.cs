using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Accounts;
using PressDeck.Team;

namespace PressDeck.Accounts;

/// <summary>
/// Connects the office's network accounts: the credentials are tested by signing in, and only an account that works is
/// saved, its secret encrypted (<see cref="AccountSecrets"/>). Connecting the same account again replaces its secret.
/// Connecting, testing, changing and removing need <see cref="Permissions.ManageAccounts"/> and are audited (never the secret).
/// </summary>
public sealed partial class ConnectedAccountService(
    AppDbContext db,
    AccountSecrets secrets,
    AccountVerifier verifier,
    ConnectedAccountDirectory directory,
    TimeProvider time,
    PermissionGate gate,
    AuditLog auditLog,
    ILogger<ConnectedAccountService> logger)
{
    public async Task<IReadOnlyList<ConnectedAccountView>> ListAsync(CancellationToken cancellationToken) =>
        await db.ConnectedAccounts.AsNoTracking()
            .OrderBy(account => account.Network).ThenBy(account => account.Handle)
            .Select(account => new ConnectedAccountView(
                account.Id, account.Network, account.ServerUrl, account.Handle, account.DisplayName,
                account.ConnectedAt, account.ConnectedBy, account.LastCheckedAt, account.LastCheckError, account.PostingRoles, account.SignRepliesWithInitials))
            .ToListAsync(cancellationToken);

    /// <summary>Tests the credentials and saves the account when they work; returns the reason when they do not.</summary>
    public async Task<(ConnectedAccountView? Account, string? Error)> ConnectAsync(ConnectAccountForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var admin = await gate.DemandAsync(Permissions.ManageAccounts, $"connect a {form.Network} account");
        var connectedBy = admin.Name;
        var check = await verifier.CheckAsync(form.Network, form.ServerUrl, form.Identifier, form.Secret, cancellationToken);
        if (!check.IsWorking)
        {
            LogRefused(form.Network, check.Error!);
            return (null, check.Error);
        }

        var server = new Uri(form.ServerUrl.Trim()).GetLeftPart(UriPartial.Authority);
        var now = time.GetUtcNow().UtcDateTime;
        var account = await db.ConnectedAccounts.SingleOrDefaultAsync(
            existing => existing.Network == form.Network && existing.ServerUrl == server && existing.RemoteAccountId == check.RemoteAccountId,
            cancellationToken);
        if (account is null)
        {
            account = new ConnectedAccount { Network = form.Network, ServerUrl = server, RemoteAccountId = check.RemoteAccountId! };
            db.ConnectedAccounts.Add(account);
        }

        account.Handle = check.Handle!;
        account.DisplayName = check.DisplayName ?? check.Handle!;
        account.ProtectedSecret = secrets.Protect(SecretOf(form));
        account.ConnectedAt = now;
        account.ConnectedBy = connectedBy;
        account.LastCheckedAt = now;
        account.LastCheckError = null;
        await db.SaveChangesAsync(cancellationToken);
        form.Secret = "";
        directory.NotifyChanged();
        LogConnected(account.Network, account.Handle, connectedBy);
        await auditLog.WriteAsync(admin.Actor, AuditActions.AccountConnected, $"{account.Network} @{account.Handle}", $"server {account.ServerUrl}; secret stored encrypted");
        return (View(account), null);
    }

    /// <summary>Signs in again with the stored secret and records the outcome.</summary>
    public async Task<ConnectedAccountView?> CheckAsync(int id, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ManageAccounts, $"test account {id}");
        var account = await db.ConnectedAccounts.FindAsync([id], cancellationToken);
        if (account is null)
        {
            return null;
        }

        var secret = secrets.Unprotect(account.ProtectedSecret);
        var (identifier, password) = secret is null ? (null, null) : Split(secret);
        var check = password is null
            ? AccountCheck.Failed("The stored secret can no longer be decrypted (the data folder's keys changed); connect the account again.")
            : await verifier.CheckAsync(account.Network, account.ServerUrl, identifier ?? account.Handle, password, cancellationToken);
        account.LastCheckedAt = time.GetUtcNow().UtcDateTime;
        account.LastCheckError = check.Error;
        await db.SaveChangesAsync(cancellationToken);
        return View(account);
    }

    public async Task<bool> RemoveAsync(int id, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageAccounts, $"remove account {id}");
        var removedBy = admin.Name;
        var account = await db.ConnectedAccounts.FindAsync([id], cancellationToken);
        if (account is null)
        {
            return false;
        }

        db.ConnectedAccounts.Remove(account);
        await db.SaveChangesAsync(cancellationToken);
        directory.NotifyChanged();
        LogRemoved(account.Network, account.Handle, removedBy);
        await auditLog.WriteAsync(admin.Actor, AuditActions.AccountRemoved, $"{account.Network} @{account.Handle}");
        return true;
    }

    /// <summary>
    /// Which roles may post from the account, and whether its replies carry the officer's initials. Admins can always
    /// post; at least one role must remain.
    /// </summary>
    public async Task<string?> SetPostingAsync(int id, IReadOnlyCollection<string> roles, bool signRepliesWithInitials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var admin = await gate.DemandAsync(Permissions.ManageAccounts, $"account {id}");
        var account = await db.ConnectedAccounts.FindAsync([id], cancellationToken);
        if (account is null)
        {
            return "That account is no longer connected.";
        }

        // Only roles that can draft at all; trainees never post to a real network.
        var allowed = Roles.All.Where(r => r == Roles.Admin || (roles.Contains(r) && Permissions.Allows(r, Permissions.DraftPosts) && r != Roles.Trainee)).ToList();
        var value = string.Join(',', allowed);
        if (account.PostingRoles == value && account.SignRepliesWithInitials == signRepliesWithInitials)
        {
            return null;
        }

        var before = $"{account.PostingRoles}; initials {(account.SignRepliesWithInitials ? "on" : "off")}";
        account.PostingRoles = value;
        account.SignRepliesWithInitials = signRepliesWithInitials;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.AccountChanged, $"{account.Network} @{account.Handle}",
            $"who may post: {before} → {value}; initials {(signRepliesWithInitials ? "on" : "off")}");
        return null;
    }

    /// <summary>
    /// The credentials of every connected account of <paramref name="network"/> whose secret can be decrypted, for the
    /// sources that sign in as them.
    /// </summary>
    public async Task<IReadOnlyList<AccountCredentials>> CredentialsAsync(Core.Posts.Network network, CancellationToken cancellationToken)
    {
        var accounts = await db.ConnectedAccounts.AsNoTracking().Where(account => account.Network == network).ToListAsync(cancellationToken);
        var credentials = new List<AccountCredentials>(accounts.Count);
        foreach (var account in accounts)
        {
            if (secrets.Unprotect(account.ProtectedSecret) is { } stored && Split(stored).Secret is { } secret)
            {
                credentials.Add(new AccountCredentials(account.Id, account.Network, new Uri(account.ServerUrl), account.Handle, secret, account.RemoteAccountId));
            }
        }

        return credentials;
    }

    /// <summary>
    /// The stored form of a secret: for Bluesky the sign-in identifier travels with the app password (the handle may
    /// change later, the identifier used to sign in is what works), separated by a line break no handle contains.
    /// </summary>
    private static string SecretOf(ConnectAccountForm form) =>
        form.Network == Core.Posts.Network.Bluesky ? form.Identifier.Trim() + "\n" + form.Secret : form.Secret;

    private static (string? Identifier, string? Secret) Split(string stored)
    {
        var separator = stored.IndexOf('\n', StringComparison.Ordinal);
        return separator < 0 ? (null, stored) : (stored[..separator], stored[(separator + 1)..]);
    }

    private static ConnectedAccountView View(ConnectedAccount account) => new(
        account.Id, account.Network, account.ServerUrl, account.Handle, account.DisplayName,
        account.ConnectedAt, account.ConnectedBy, account.LastCheckedAt, account.LastCheckError, account.PostingRoles, account.SignRepliesWithInitials);

    [LoggerMessage(EventId = 460, Level = LogLevel.Information, Message = "{Network} account {Handle} connected by {Person}")]
    private partial void LogConnected(Core.Posts.Network network, string handle, string person);

    [LoggerMessage(EventId = 461, Level = LogLevel.Information, Message = "A {Network} account was not connected: {Reason}")]
    private partial void LogRefused(Core.Posts.Network network, string reason);

    [LoggerMessage(EventId = 462, Level = LogLevel.Information, Message = "{Network} account {Handle} removed by {Person}")]
    private partial void LogRemoved(Core.Posts.Network network, string handle, string person);
}
