using System.Security.Cryptography;

namespace PressDeck.Team;

/// <summary>
/// The one-time secret in the set-up link printed at first start. It lives only in this process's memory: it works
/// until the first account exists, and a restart before that prints a new one. There is never a default password.
/// </summary>
public sealed class SetupToken
{
    private readonly Lock _gate = new();
    private string? _token;

    /// <summary>A fresh token, replacing any earlier one.</summary>
    public string Issue()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (_gate)
        {
            _token = token;
        }

        return token;
    }

    public bool IsValid(string? candidate)
    {
        string? token;
        lock (_gate)
        {
            token = _token;
        }

        return token is not null && candidate is not null
            && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(token),
                System.Text.Encoding.ASCII.GetBytes(candidate));
    }

    /// <summary>Spends the token: called once the admin account exists.</summary>
    public void Revoke()
    {
        lock (_gate)
        {
            _token = null;
        }
    }
}
