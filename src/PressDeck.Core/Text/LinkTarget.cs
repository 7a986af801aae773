using System.Buffers;

namespace PressDeck.Core.Text;

/// <summary>
/// Where a link points, as the query language compares links (QUERY-LANGUAGE.md section 3): the host lower-cased with
/// any leading <c>www.</c> removed, and the path lower-cased without query, fragment or trailing <c>/</c>
/// (<c>https://www.GOV.uk/Budget/?x=1</c> → host <c>gov.uk</c>, path <c>/budget</c>; a bare host has path <c>""</c>).
/// </summary>
public sealed record LinkTarget(string Host, string Path)
{
    private static readonly SearchValues<char> ForbiddenHostCharacters = SearchValues.Create(" \t\r\n<>\"'`{}|\\^");

    /// <summary>Parses an <c>http</c> or <c>https</c> URL, or one written without a scheme (<c>gov.uk/skills</c>).</summary>
    public static bool TryParse(string url, out LinkTarget? target)
    {
        ArgumentNullException.ThrowIfNull(url);
        target = null;
        var rest = url.AsSpan().Trim();
        var schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            var scheme = rest[..schemeEnd];
            if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            rest = rest[(schemeEnd + 3)..];
        }

        var authorityEnd = rest.IndexOfAny('/', '?', '#');
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var afterAuthority = authorityEnd < 0 ? [] : rest[authorityEnd..];

        var userInfoEnd = authority.LastIndexOf('@');
        if (userInfoEnd >= 0)
        {
            authority = authority[(userInfoEnd + 1)..];
        }

        var portStart = authority.LastIndexOf(':');
        if (portStart >= 0 && authority.IndexOf(']') < portStart)
        {
            authority = authority[..portStart];
        }

        var host = StripWww(authority.TrimEnd('.').ToString().ToLowerInvariant());
        if (host.Length == 0 || host.AsSpan().ContainsAny(ForbiddenHostCharacters) || !host.Any(char.IsLetterOrDigit))
        {
            return false;
        }

        var pathEnd = afterAuthority.IndexOfAny('?', '#');
        var path = (pathEnd < 0 ? afterAuthority : afterAuthority[..pathEnd]).TrimEnd('/');
        target = new LinkTarget(host, path.ToString().ToLowerInvariant());
        return true;
    }

    /// <summary>True when this link is on <paramref name="host"/> or one of its subdomains, under <paramref name="pathPrefix"/>.</summary>
    public bool IsUnder(string host, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var hostMatches = Host.Length == host.Length
            ? Host.Equals(host, StringComparison.Ordinal)
            : Host.Length > host.Length && Host.EndsWith(host, StringComparison.Ordinal) && Host[Host.Length - host.Length - 1] == '.';
        return hostMatches && Path.StartsWith(pathPrefix, StringComparison.Ordinal);
    }

    /// <summary>True when this link is the page <paramref name="host"/> + <paramref name="path"/> (same host, same path).</summary>
    public bool IsPage(string host, string path) =>
        Host.Equals(host, StringComparison.Ordinal) && Path.Equals(path, StringComparison.Ordinal);

    public override string ToString() => Host + Path;

    private static string StripWww(string host)
    {
        // Stripped repeatedly so that parsing is idempotent (a printed link parses back to the same target).
        while (host.StartsWith("www.", StringComparison.Ordinal) && host.Length > 4)
        {
            host = host[4..];
        }

        return host;
    }
}
