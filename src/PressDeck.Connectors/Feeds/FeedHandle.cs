using System.Globalization;
using System.Text;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// A feed's handle (QUERY-LANGUAGE.md section 1): its short name in lower case, words joined by <c>-</c>
/// (<c>bbc-business</c>), so <c>from:bbc-business</c> and <c>@bbc-business</c> can name it.
/// </summary>
public static class FeedHandle
{
    public const int MaxLength = 64;

    /// <summary>The handle made from a name an admin gave or a feed's title (<c>"BBC News – Business"</c> → <c>bbc-news-business</c>); null when it has no letters or digits.</summary>
    public static string? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var handle = new StringBuilder(Math.Min(name.Length, MaxLength));
        var pendingDash = false;
        foreach (var rune in name.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var isWordPart = Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!isWordPart)
            {
                pendingDash = handle.Length > 0;
                continue;
            }

            var lower = Rune.ToLowerInvariant(rune).ToString();
            if (handle.Length + lower.Length + (pendingDash ? 1 : 0) > MaxLength)
            {
                break;
            }

            if (pendingDash)
            {
                handle.Append('-');
                pendingDash = false;
            }

            handle.Append(lower);
        }

        return handle.Length == 0 ? null : handle.ToString();
    }

    /// <summary>The handle for a feed: the admin's short name if given, else from the feed's title, else from its host.</summary>
    public static string For(string? shortName, string? feedTitle, Uri? feedUrl) =>
        FromName(shortName) ?? FromName(feedTitle) ?? FromName(feedUrl?.Host) ?? "feed";
}
