using PressDeck.Core.Posts;

namespace PressDeck.Publishing;

/// <summary>An account a post can go out from: a connected account, or (with no id) the demo network's office account.</summary>
public sealed record AccountChoice(Network Network, int? ConnectedAccountId, string Handle, string DisplayName = "")
{
    public string Key => ConnectedAccountId is { } id ? "account-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "demo";
}
