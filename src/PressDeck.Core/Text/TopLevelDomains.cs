using System.Collections.Frozen;

namespace PressDeck.Core.Text;

/// <summary>
/// The top-level domains after which a name written without <c>http://</c> is taken for a link (<c>gov.uk</c>,
/// <c>bit.ly/x</c>). X does the same with the full IANA list (twitter-text's <c>validGTLD</c> and <c>validCCTLD</c>);
/// this is a shorter list of the domains a UK press office meets, so a rarer one (<c>example.museum</c>) is counted
/// as plain text. Second-level domains need no entry: <c>gov.uk</c>, <c>co.uk</c> and <c>nhs.uk</c> end in <c>uk</c>.
/// </summary>
internal static class TopLevelDomains
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Known = FrozenSet.ToFrozenSet(
        [
            // Generic.
            "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "mobi", "app", "dev", "io",
            "ai", "co", "me", "tv", "news", "blog", "online", "site", "website", "social", "media", "tech", "digital",
            "cloud", "shop", "store", "live", "world", "global", "email", "page", "link", "xyz", "club", "agency",
            "network", "studio", "art", "africa", "asia",

            // The United Kingdom, its nations and neighbours, and the European Union.
            "uk", "scot", "wales", "cymru", "london", "ie", "im", "je", "gg", "eu",

            // Europe.
            "de", "fr", "es", "it", "nl", "be", "lu", "ch", "at", "dk", "se", "no", "fi", "is", "pl", "pt", "gr", "cz",
            "sk", "hu", "ro", "bg", "hr", "si", "ee", "lv", "lt", "ua", "ru", "tr",

            // Elsewhere.
            "us", "ca", "mx", "br", "ar", "cl", "au", "nz", "jp", "cn", "hk", "tw", "kr", "sg", "in", "pk", "za", "ng",
            "ke", "il", "ae", "sa",

            // Link shorteners and short-name services (bit.ly, goo.gl, is.gd, t.co is above).
            "ly", "gl", "gd", "to", "cc", "ws", "fm", "am",
        ],
        StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsKnown(ReadOnlySpan<char> label) => Known.Contains(label);
}
