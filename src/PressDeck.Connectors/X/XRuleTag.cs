namespace PressDeck.Connectors.X;

/// <summary>
/// The tag of a PressDeck stream rule names the standing queries it serves: <c>pressdeck:</c> and the query ids,
/// each URI-escaped, joined by commas. Rules whose tag does not start so belong to someone else and are left alone.
/// A post delivered for a rule may match only some of its queries (merged or broadened rules), so PressDeck's own
/// matcher always has the last word.
/// </summary>
public static class XRuleTag
{
    public const string Prefix = "pressdeck:";

    public static string Format(IEnumerable<string> queryIds)
    {
        ArgumentNullException.ThrowIfNull(queryIds);
        return Prefix + string.Join(',', queryIds.Distinct(StringComparer.Ordinal).Select(Uri.EscapeDataString));
    }

    public static bool IsPressDeck(string? tag) => tag is not null && tag.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The query ids a tag names; false when the tag is not a PressDeck tag.</summary>
    public static bool TryParse(string? tag, out IReadOnlyList<string> queryIds)
    {
        if (!IsPressDeck(tag))
        {
            queryIds = [];
            return false;
        }

        // IsPressDeck returned true, so tag is not null.
        queryIds = [.. tag![Prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];
        return true;
    }
}
