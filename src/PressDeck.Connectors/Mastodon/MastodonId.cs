namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Mastodon ids are strings "cast from an integer but not guaranteed to be a number" (protocols.md 2): never parsed,
/// compared as numbers when they are digits (longer is larger) and ordinally otherwise.
/// </summary>
public static class MastodonId
{
    public static int Compare(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        var leftDigits = left.TrimStart('0');
        var rightDigits = right.TrimStart('0');
        if (leftDigits.All(char.IsAsciiDigit) && rightDigits.All(char.IsAsciiDigit) && leftDigits.Length != rightDigits.Length)
        {
            return leftDigits.Length.CompareTo(rightDigits.Length);
        }

        return string.CompareOrdinal(leftDigits, rightDigits);
    }

    /// <summary>The later of two ids (null when both are).</summary>
    public static string? Max(string? left, string? right) => Compare(left, right) >= 0 ? left : right;

    /// <summary>Plausible as an id to put in a URL: 1 to 100 characters of letters, digits, <c>-</c> and <c>_</c>.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
