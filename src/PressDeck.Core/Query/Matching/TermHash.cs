namespace PressDeck.Core.Query.Matching;

/// <summary>
/// The hash of presearch terms and post tokens: cheap, and the same for a query's term and a post's token, so that a
/// post's tokens are hashed once and each hash serves its word lookup, its bigram lookups and the predicates' token
/// filter. Not randomised: the keys of the tables it indexes are the office's own query terms, not posts.
/// </summary>
internal static class TermHash
{
    public static int Of(ReadOnlySpan<char> text)
    {
        // FNV-1a over UTF-16 units, then a final mix so that low bits (table slots) and high bits (filters) both vary.
        var hash = 2166136261u;
        foreach (var character in text)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return Mix(hash);
    }

    /// <summary>The hash of a bigram from the hashes of its two words.</summary>
    public static int Bigram(int first, int second) => Mix(((uint)first * 0x9E3779B1u) ^ (uint)second);

    private static int Mix(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x7FEB352Du;
        hash ^= hash >> 15;
        return (int)hash;
    }
}
