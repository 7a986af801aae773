using System.Text;
using PressDeck.Core.Text;

namespace PressDeck.Core.Publishing;

/// <summary>
/// Counts a status as Mastodon's <c>StatusLengthValidator</c> does. Confirmed in mastodon/mastodon:
/// <list type="bullet">
/// <item><c>app/validators/status_length_validator.rb</c>: the text is rewritten (each link with a scheme becomes 23
/// <c>x</c>, each mention <c>@user@domain</c> becomes <c>@user</c>) and then counted in grapheme clusters
/// (<c>mb_chars.grapheme_length</c>, later <c>each_grapheme_cluster.size</c>). Only the first versions of 2016 used
/// <c>String#length</c> (code points).</item>
/// <item><c>spec/validators/status_length_validator_spec.rb</c> at d5e278df: "counts ZWJ sequence emoji as single
/// character" (🏳️‍⚧️ × 500 is allowed), "counts only the front part of remote usernames", "does count both parts of remote
/// usernames for overly long domains", "does not reduce calculated length of count overly long URLs", and a link must
/// be auto-linkable (space-separated) to count as 23.</item>
/// <item><c>app/lib/extractor.rb</c> at 9120f127: a mention's domain longer than 253 characters (<c>MAX_DOMAIN_LENGTH</c>)
/// is not a mention; links come from twitter-text with <c>extract_url_without_protocol: false</c>, so a bare
/// <c>gov.uk</c> counts as written. twitter-text (<c>rb/lib/twitter-text/extractor.rb</c>) gives up on links longer than
/// 4,096 characters.</item>
/// <item><c>app/javascript/mastodon/features/compose/util/counter.js</c>: the web composer rewrites the same way.</item>
/// </list>
/// The content warning counts towards the same limit; PressDeck's posts have none. Mastodon's usernames are ASCII
/// (<c>[a-z0-9_]</c> with inner <c>.</c> and <c>-</c>), so only those are shortened. Links are found by
/// <see cref="RichText"/>, which is a little more generous than twitter-text's list of top-level domains.
/// </summary>
internal static class MastodonCharacterCount
{
    public const int DefaultLimit = 500;
    private const int LinkLength = 23;
    private const int MaxLinkLength = 4096;
    private const int MaxMentionDomainLength = 253;

    public static int Count(string text)
    {
        var countable = new StringBuilder(text.Length);
        var position = 0;
        foreach (var span in RichText.Find(text))
        {
            var replacement = Replacement(text, span);
            if (replacement is null)
            {
                continue;
            }

            countable.Append(text, position, span.Start - position).Append(replacement);
            position = span.End;
        }

        countable.Append(text, position, text.Length - position);
        return Graphemes.Count(countable.ToString());
    }

    private static string? Replacement(string text, RichTextSpan span)
    {
        switch (span.Kind)
        {
            case RichTextKind.Link when LinkSyntax.SchemeLength(text.AsSpan(span.Start, span.Length)) > 0 && span.Length <= MaxLinkLength:
                return new string('x', LinkLength);

            case RichTextKind.Mention:
                var separator = span.Value.IndexOf('@', StringComparison.Ordinal);
                if (separator < 0 || span.Value.Length - separator - 1 > MaxMentionDomainLength)
                {
                    return null;
                }

                var username = span.Value.AsSpan(0, separator);
                return IsAsciiUsername(username) ? string.Concat("@", username) : null;

            default:
                return null;
        }
    }

    private static bool IsAsciiUsername(ReadOnlySpan<char> username)
    {
        foreach (var character in username)
        {
            if (!char.IsAsciiLetterOrDigit(character) && character is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
