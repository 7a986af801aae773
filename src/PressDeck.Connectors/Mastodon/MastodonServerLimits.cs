namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// What one Mastodon server allows in a status (<c>configuration.statuses</c> of <c>GET /api/v2/instance</c>, protocols.md
/// 2.2): its character limit, what each link counts, and how many media attachments it takes.
/// </summary>
public sealed record MastodonServerLimits(int MaxCharacters, int CharactersReservedPerUrl, int MaxMediaAttachments)
{
    /// <summary>Mastodon's own defaults, for a server that does not say: 500 characters, 23 per link, 4 attachments.</summary>
    public static readonly MastodonServerLimits Defaults = new(Core.Publishing.PostLength.MastodonDefaultLimit, 23, 4);
}
