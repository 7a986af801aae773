using PressDeck.Core.Posts;

using PressDeck.Core.Text;

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// The inverted index of the presearcher: for each term, the postings of the query versions that use it. A posting
/// is <c>slot &lt;&lt; 4 | (passes - 1) &lt;&lt; 2 | pass</c>: it carries how many passes its version has, so that
/// a reader needs no other memory than the posting and its own scratch to know when a version is complete
/// (<see cref="PresearchPlanner.MaxPasses"/> fits in two bits).
/// Thread-safety: one writer at a time (the matcher's write lock); any number of readers, lock-free. Posting arrays
/// are immutable: a write builds a new array and swaps it in, so a reader sees the old list or the new one, never
/// half of either.
/// </summary>
internal sealed class TermIndex
{
    private const int SlotShift = 4;

    private readonly TermTable _words = new();
    private readonly TermTable _bigrams = new();
    private readonly TermTable _prefixBuckets = new();
    private readonly TermTable _hashtags = new();
    private readonly TermTable _mentions = new();
    private readonly TermTable _authors = new();
    private readonly TermTable _replyTo = new();
    private readonly TermTable _hosts = new();
    private readonly TermTable _languages = new();
    private readonly int[]?[] _networks = new int[]?[Enum.GetValues<Network>().Length];
    private readonly int[]?[] _flags = new int[]?[Enum.GetValues<PostFlag>().Length];

    /// <summary>The words' table, for lookups in steps (<see cref="TermTable.PrefetchEntry"/>).</summary>
    public TermTable Words => _words;

    /// <summary>The bigrams' table, for lookups in steps; a bigram's hash is <see cref="TokenHash.Bigram"/> of its words'.</summary>
    public TermTable Bigrams => _bigrams;

    public bool HasBigrams => _bigrams.Count > 0;

    public bool HasPrefixBuckets => _prefixBuckets.Count > 0;

    public bool HasHosts => _hosts.Count > 0;

    public static int Posting(int slot, int pass, int passCount) => (slot << SlotShift) | ((passCount - 1) << 2) | pass;

    public static int SlotOf(int posting) => posting >> SlotShift;

    public static int PassBitOf(int posting) => 1 << (posting & 3);

    /// <summary>True when the posting's version has one pass (so the posting's pass bits are all zero).</summary>
    public static bool IsOnlyPass(int posting) => (posting & 15) == 0;

    /// <summary>All the pass bits of the posting's version: a post that has set them all is a candidate.</summary>
    public static int PassMaskOf(int posting) => (1 << (((posting >> 2) & 3) + 1)) - 1;

    /// <summary>A word's postings; <paramref name="hash"/> is <see cref="TokenHash.Of"/> of the word.</summary>
    public int[]? FindWord(ReadOnlySpan<char> word, int hash) => _words.Find(word, hash);

    /// <summary>Postings of two consecutive tokens, from the tokens and their <see cref="TokenHash.Of"/> hashes.</summary>
    public int[]? FindBigram(ReadOnlySpan<char> first, int firstHash, ReadOnlySpan<char> second, int secondHash) =>
        _bigrams.FindPair(first, Term.BigramSeparator, second, TokenHash.Bigram(firstHash, secondHash));

    public int[]? FindPrefixBucket(ReadOnlySpan<char> bucket) => _prefixBuckets.Find(bucket, TokenHash.Of(bucket));

    public int[]? FindHashtag(string tag) => Find(_hashtags, tag);

    public int[]? FindMention(string handle) => Find(_mentions, handle);

    public int[]? FindAuthor(string handle) => Find(_authors, handle);

    public int[]? FindReplyTo(string handle) => Find(_replyTo, handle);

    public int[]? FindHost(ReadOnlySpan<char> host) => _hosts.Find(host, TokenHash.Of(host));

    public int[]? FindLanguage(string code) => Find(_languages, code);

    public int[]? FindNetwork(Network network) => (uint)network < (uint)_networks.Length ? Volatile.Read(ref _networks[(int)network]) : null;

    public int[]? FindFlag(PostFlag flag) => Volatile.Read(ref _flags[(int)flag]);

    /// <summary>Adds a posting to a term. Writer only.</summary>
    public void Add(Term term, int posting)
    {
        if (term.Kind is TermKind.Network or TermKind.Flag)
        {
            ref var slot = ref FixedPostings(term);
            Volatile.Write(ref slot, Append(slot, posting));
            return;
        }

        var table = Table(term.Kind);
        var hash = HashOf(term);
        table.Set(term.Value, hash, Append(table.Get(term.Value, hash), posting));
    }

    /// <summary>Removes every posting of <paramref name="querySlot"/> from a term. Writer only.</summary>
    public void Remove(Term term, int querySlot)
    {
        if (term.Kind is TermKind.Network or TermKind.Flag)
        {
            ref var slot = ref FixedPostings(term);
            Volatile.Write(ref slot, Without(slot, querySlot));
            return;
        }

        var table = Table(term.Kind);
        var hash = HashOf(term);
        if (table.Get(term.Value, hash) is { } postings)
        {
            table.Set(term.Value, hash, Without(postings, querySlot));
        }
    }

    private static int[]? Find(TermTable table, string key) => table.Count == 0 ? null : table.Find(key, TokenHash.Of(key));

    /// <summary>A term's hash as posts look it up: a bigram's is made of its words' hashes.</summary>
    private static int HashOf(Term term)
    {
        if (term.Kind != TermKind.Bigram)
        {
            return TokenHash.Of(term.Value);
        }

        var separator = term.Value.IndexOf(Term.BigramSeparator, StringComparison.Ordinal);
        return TokenHash.Bigram(TokenHash.Of(term.Value.AsSpan(0, separator)), TokenHash.Of(term.Value.AsSpan(separator + 1)));
    }

    private static int[] Append(int[]? postings, int posting)
    {
        if (postings is null)
        {
            return [posting];
        }

        var appended = new int[postings.Length + 1];
        postings.CopyTo(appended, 0);
        appended[^1] = posting;
        return appended;
    }

    private static int[]? Without(int[]? postings, int querySlot)
    {
        if (postings is null)
        {
            return null;
        }

        var kept = 0;
        foreach (var posting in postings)
        {
            kept += SlotOf(posting) == querySlot ? 0 : 1;
        }

        if (kept == postings.Length)
        {
            return postings;
        }

        if (kept == 0)
        {
            return null;
        }

        var remaining = new int[kept];
        var index = 0;
        foreach (var posting in postings)
        {
            if (SlotOf(posting) != querySlot)
            {
                remaining[index++] = posting;
            }
        }

        return remaining;
    }

    private ref int[]? FixedPostings(Term term) =>
        ref term.Kind == TermKind.Network ? ref _networks[term.Code] : ref _flags[term.Code];

    private TermTable Table(TermKind kind) => kind switch
    {
        TermKind.Word => _words,
        TermKind.Bigram => _bigrams,
        TermKind.PrefixBucket => _prefixBuckets,
        TermKind.Hashtag => _hashtags,
        TermKind.Mention => _mentions,
        TermKind.Author => _authors,
        TermKind.ReplyTo => _replyTo,
        TermKind.Host => _hosts,
        TermKind.Language => _languages,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Network and flag terms are not kept in a table."),
    };
}
