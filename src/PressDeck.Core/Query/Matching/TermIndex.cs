using System.Collections.Concurrent;
using PressDeck.Core.Posts;

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

    private readonly ConcurrentDictionary<string, int[]> _words = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]> _bigrams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]> _prefixBuckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]> _hashtags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]> _mentions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]> _authors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]> _replyTo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]> _languages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _bigramsBySpan;
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _prefixBucketsBySpan;
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _hostsBySpan;
    private readonly int[]?[] _networks = new int[]?[Enum.GetValues<Network>().Length];
    private readonly int[]?[] _flags = new int[]?[Enum.GetValues<PostFlag>().Length];

    // Written by the writer only; read by readers to skip work no query needs.
    private int _bigramCount;
    private int _prefixBucketCount;
    private int _hostCount;

    public TermIndex()
    {
        _bigramsBySpan = _bigrams.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixBucketsBySpan = _prefixBuckets.GetAlternateLookup<ReadOnlySpan<char>>();
        _hostsBySpan = _hosts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool HasBigrams => Volatile.Read(ref _bigramCount) > 0;

    public bool HasPrefixBuckets => Volatile.Read(ref _prefixBucketCount) > 0;

    public bool HasHosts => Volatile.Read(ref _hostCount) > 0;

    public static int Posting(int slot, int pass, int passCount) => (slot << SlotShift) | ((passCount - 1) << 2) | pass;

    public static int SlotOf(int posting) => posting >> SlotShift;

    public static int PassBitOf(int posting) => 1 << (posting & 3);

    /// <summary>All the pass bits of the posting's version: a post that has set them all is a candidate.</summary>
    public static int PassMaskOf(int posting) => (1 << (((posting >> 2) & 3) + 1)) - 1;

    public int[]? FindWord(string word) => _words.TryGetValue(word, out var postings) ? postings : null;

    /// <summary>Postings of two consecutive tokens, written as <c>first + <see cref="Term.BigramSeparator"/> + second</c>.</summary>
    public int[]? FindBigram(ReadOnlySpan<char> bigram) => _bigramsBySpan.TryGetValue(bigram, out var postings) ? postings : null;

    public int[]? FindPrefixBucket(ReadOnlySpan<char> bucket) => _prefixBucketsBySpan.TryGetValue(bucket, out var postings) ? postings : null;

    public int[]? FindHashtag(string tag) => _hashtags.TryGetValue(tag, out var postings) ? postings : null;

    public int[]? FindMention(string handle) => _mentions.TryGetValue(handle, out var postings) ? postings : null;

    public int[]? FindAuthor(string handle) => _authors.TryGetValue(handle, out var postings) ? postings : null;

    public int[]? FindReplyTo(string handle) => _replyTo.TryGetValue(handle, out var postings) ? postings : null;

    public int[]? FindHost(ReadOnlySpan<char> host) => _hostsBySpan.TryGetValue(host, out var postings) ? postings : null;

    public int[]? FindLanguage(string code) => _languages.TryGetValue(code, out var postings) ? postings : null;

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

        var dictionary = Dictionary(term.Kind);
        var existing = dictionary.TryGetValue(term.Value, out var postings) ? postings : null;
        dictionary[term.Value] = Append(existing, posting);
        if (existing is null)
        {
            CountTerm(term.Kind, +1);
        }
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

        var dictionary = Dictionary(term.Kind);
        if (!dictionary.TryGetValue(term.Value, out var postings))
        {
            return;
        }

        var remaining = Without(postings, querySlot);
        if (remaining is null)
        {
            dictionary.TryRemove(term.Value, out _);
            CountTerm(term.Kind, -1);
        }
        else
        {
            dictionary[term.Value] = remaining;
        }
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

    private ConcurrentDictionary<string, int[]> Dictionary(TermKind kind) => kind switch
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
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Network and flag terms are not kept in a dictionary."),
    };

    private void CountTerm(TermKind kind, int change)
    {
        if (kind == TermKind.Bigram)
        {
            Volatile.Write(ref _bigramCount, _bigramCount + change);
        }
        else if (kind == TermKind.PrefixBucket)
        {
            Volatile.Write(ref _prefixBucketCount, _prefixBucketCount + change);
        }
        else if (kind == TermKind.Host)
        {
            Volatile.Write(ref _hostCount, _hostCount + change);
        }
    }
}
