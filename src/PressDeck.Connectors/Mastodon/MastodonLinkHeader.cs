namespace PressDeck.Connectors.Mastodon;

/// <summary>The RFC 8288 <c>Link</c> header of Mastodon's list endpoints (protocols.md 2.6): <c>rel="next"</c> (older) and <c>rel="prev"</c> (newer).</summary>
public static class MastodonLinkHeader
{
    /// <summary>The next and previous page addresses in <paramref name="header"/>; an entry that is not an absolute address is ignored.</summary>
    public static (Uri? Next, Uri? Previous) Parse(string? header)
    {
        Uri? next = null;
        Uri? previous = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, null);
        }

        var position = 0;
        while (position < header.Length)
        {
            var open = header.IndexOf('<', position);
            if (open < 0)
            {
                break;
            }

            var close = header.IndexOf('>', open + 1);
            if (close < 0)
            {
                break;
            }

            var target = header[(open + 1)..close].Trim();
            var end = header.IndexOf('<', close + 1);
            var parameters = end < 0 ? header[(close + 1)..] : header[(close + 1)..end];
            position = end < 0 ? header.Length : end;
            if (!Uri.TryCreate(target, UriKind.Absolute, out var address))
            {
                continue;
            }

            foreach (var relation in Relations(parameters))
            {
                if (relation == "next")
                {
                    next ??= address;
                }
                else if (relation is "prev" or "previous")
                {
                    previous ??= address;
                }
            }
        }

        return (next, previous);
    }

    private static IEnumerable<string> Relations(string parameters)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var relation in parameter[(equals + 1)..].Trim().Trim(',').Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return relation.ToLowerInvariant();
                }
            }
        }
    }
}
