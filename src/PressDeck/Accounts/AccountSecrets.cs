using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PressDeck.Accounts;

/// <summary>
/// Encrypts the networks' secrets (app passwords, access tokens) for the database with ASP.NET Core Data Protection.
/// The keys are in the data folder's <c>keys</c> directory, never in the database, so a copy of the database alone
/// gives away no secret.
/// </summary>
public sealed class AccountSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("PressDeck.ConnectedAccounts.Secret.v1");

    public string Protect(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return _protector.Protect(secret);
    }

    /// <summary>The secret, or null when it cannot be decrypted (the keys were lost or replaced): the account must be connected again.</summary>
    public string? Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
