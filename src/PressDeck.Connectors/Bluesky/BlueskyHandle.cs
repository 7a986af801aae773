namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Bluesky handle syntax (atproto "handle"): a DNS name of at least two labels, each 1–63 ASCII letters, digits or
/// hyphens, not starting or ending with a hyphen, the last starting with a letter; at most 253 characters.
/// </summary>
public static class BlueskyHandle
{
    public static bool IsValid(ReadOnlySpan<char> handle)
    {
        if (handle.Length is 0 or > 253)
        {
            return false;
        }

        var labels = 0;
        var lastLabelStart = 0;
        var start = 0;
        while (start <= handle.Length)
        {
            var end = handle[start..].IndexOf('.');
            end = end < 0 ? handle.Length : start + end;
            var label = handle[start..end];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var character in label)
            {
                if (!char.IsAsciiLetterOrDigit(character) && character != '-')
                {
                    return false;
                }
            }

            labels++;
            lastLabelStart = start;
            start = end + 1;
        }

        return labels >= 2 && char.IsAsciiLetter(handle[lastLabelStart]);
    }

    /// <summary>A handle in lower case without a leading <c>@</c>, or null when it is not a valid handle.</summary>
    public static string? Normalise(ReadOnlySpan<char> text)
    {
        var handle = text.Trim().TrimStart('@');
        return IsValid(handle) ? handle.ToString().ToLowerInvariant() : null;
    }
}
