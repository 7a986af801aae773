namespace PressDeck.Accounts;

/// <summary>What a network said when PressDeck signed in: the account as the network knows it, or why it refused.</summary>
public sealed record AccountCheck(string? Handle, string? RemoteAccountId, string? DisplayName, string? Error)
{
    public bool IsWorking => Error is null;

    public static AccountCheck Working(string handle, string remoteAccountId, string displayName) => new(handle, remoteAccountId, displayName, null);

    public static AccountCheck Failed(string error) => new(null, null, null, error);
}
