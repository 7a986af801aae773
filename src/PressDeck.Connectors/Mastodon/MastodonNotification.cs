namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// A notification of the account whose token is used (protocols.md 2.4). <see cref="Type"/> is kept as the server
/// sent it (<c>mention</c>, <c>status</c>, <c>reblog</c>, <c>favourite</c>, <c>follow</c>, <c>quote</c>, newer ones too);
/// <see cref="Status"/> is the post it is about, when it has one and the server still shows it.
/// </summary>
public sealed record MastodonNotification(string Id, string Type, DateTime CreatedAt, MastodonAccount Account, MastodonStatus? Status)
{
    /// <summary>The types the inbox needs: someone wrote to the office or quoted it.</summary>
    public static readonly IReadOnlyList<string> InboxTypes = ["mention", "quote"];
}
