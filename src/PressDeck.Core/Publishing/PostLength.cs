using System.Text;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;

namespace PressDeck.Core.Publishing;

/// <summary>
/// Counts a post's text as the network it is for will, so that the composer can show what is left as the person types
/// and stop a post the network would refuse.
/// <list type="bullet">
/// <item>Bluesky: at most 300 graphemes (extended grapheme clusters, UAX #29) and 3,000 UTF-8 bytes of the text exactly
/// as sent (protocols.md 1.6); links count in full, as written.</item>
/// <item>Demo: Bluesky's rules, so that trainees meet the same limits.</item>
/// <item>Mastodon: 500 characters, or the server's own limit (<c>configuration.statuses.max_characters</c>); grapheme
/// clusters, each link with a scheme 23 and a remote mention only its <c>@user</c> part (see
/// <see cref="MastodonCharacterCount"/> for what was confirmed in Mastodon's source).</item>
/// <item>X: 280 weighted characters by twitter-text's v3 configuration: most European, Arabic and Hebrew letters 1,
/// CJK and emoji 2, each link 23, after NFC normalisation (see <see cref="XWeightedLength"/>).</item>
/// <item>RSS: feeds are only read, so there is nothing to measure.</item>
/// </list>
/// </summary>
public static class PostLength
{
    private const int BlueskyGraphemeLimit = 300;
    private const int BlueskyByteLimit = 3000;

    /// <summary>Mastodon's own default, for a server that does not say otherwise.</summary>
    public const int MastodonDefaultLimit = MastodonCharacterCount.DefaultLimit;

    private const string Characters = "characters";
    private const string WeightedCharacters = "weighted characters";

    /// <summary>Measures <paramref name="text"/> for <paramref name="network"/>.</summary>
    /// <param name="characterLimit">
    /// The account's own limit where its server sets one: a Mastodon server's <c>max_characters</c>, or an X account
    /// allowed longer posts. Null for the network's default. Bluesky's limits are fixed by its post record, so giving
    /// one for Bluesky or the demo network is a mistake.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="network"/> is <see cref="Network.Rss"/>, or a limit is given for Bluesky or the demo network.</exception>
    public static PostLengthMeasure Measure(Network network, string text, int? characterLimit = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (characterLimit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(characterLimit));
        }

        return network switch
        {
            Network.Bluesky or Network.Demo when characterLimit is not null => throw new ArgumentException(
                $"{network} posts have fixed limits ({BlueskyGraphemeLimit} characters and {BlueskyByteLimit} bytes); no character limit can be given for them.",
                nameof(characterLimit)),
            Network.Bluesky or Network.Demo => new PostLengthMeasure(
                network,
                Graphemes.Count(text),
                BlueskyGraphemeLimit,
                Characters,
                Encoding.UTF8.GetByteCount(text),
                BlueskyByteLimit),
            Network.Mastodon => new PostLengthMeasure(
                network,
                MastodonCharacterCount.Count(text),
                characterLimit ?? MastodonCharacterCount.DefaultLimit,
                Characters),
            Network.X => new PostLengthMeasure(
                network,
                XWeightedLength.Count(text),
                characterLimit ?? XWeightedLength.DefaultLimit,
                WeightedCharacters),
            Network.Rss => throw new ArgumentException(
                "RSS feeds are only read: PressDeck cannot publish to them, so a post for one has no length to measure.",
                nameof(network)),
            _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Not a network PressDeck knows."),
        };
    }
}
