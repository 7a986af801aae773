using PressDeck.Core.Text;

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// A term → postings hash table for the presearcher: open addressing over one array, looked up with a hash the caller
/// already has (<see cref="TokenHash"/>), so that a post's tokens are hashed once. In front of it, a bit filter of the
/// terms' hashes (about eight bits per term, small enough to stay in cache) answers most lookups of tokens that no
/// query uses without touching the table.
/// </summary>
/// <remarks>
/// One writer at a time, any number of lock-free readers. An entry's hash and postings are written before its key,
/// which readers read first, and a term's filter bit is set before its entry; postings arrays are replaced, never
/// changed; a removed term keeps its key (and its bit) with no postings until the next rebuild, which builds a new
/// array and filter and swaps both in at once.
/// </remarks>
internal sealed class TermTable
{
    private const int InitialCapacity = 16;

    private Store _store = new(InitialCapacity);

    // Writer-only counts: keys in the store (with or without postings), and keys with postings.
    private int _used;
    private int _live;

    /// <summary>Terms that have postings. Readers use it only to skip lookups in an empty table.</summary>
    public int Count => Volatile.Read(ref _live);

    public int[]? Find(ReadOnlySpan<char> key, int hash)
    {
        var store = Volatile.Read(ref _store);
        if (!store.MayContain(hash))
        {
            return null;
        }

        var entries = store.Entries;
        var mask = entries.Length - 1;
        for (var index = hash & mask; ; index = (index + 1) & mask)
        {
            ref var entry = ref entries[index];
            var candidate = Volatile.Read(ref entry.Key);
            if (candidate is null)
            {
                return null;
            }

            if (entry.Hash == hash && key.SequenceEqual(candidate))
            {
                return Volatile.Read(ref entry.Postings);
            }
        }
    }

    /// <summary>
    /// The first of three steps that look up many keys with their cache misses overlapped: false when the filter rules
    /// the hash out (the key is absent); otherwise starts loading the entry where the lookup begins.
    /// </summary>
    public bool PrefetchEntry(int hash)
    {
        var store = Volatile.Read(ref _store);
        if (!store.MayContain(hash))
        {
            return false;
        }

        var entries = store.Entries;
        CachePrefetch.Location(ref entries[hash & (entries.Length - 1)]);
        return true;
    }

    /// <summary>The second step: starts loading the key and the postings of the entry where the lookup begins.</summary>
    public void PrefetchContents(int hash)
    {
        var entries = Volatile.Read(ref _store).Entries;
        ref var entry = ref entries[hash & (entries.Length - 1)];
        if (Volatile.Read(ref entry.Key) is { } key)
        {
            CachePrefetch.Characters(key);
            if (entry.Postings is { } postings)
            {
                CachePrefetch.Elements(postings);
            }
        }
    }

    /// <summary>Looks up the key <c>first + separator + second</c> without building it.</summary>
    public int[]? FindPair(ReadOnlySpan<char> first, char separator, ReadOnlySpan<char> second, int hash)
    {
        var store = Volatile.Read(ref _store);
        if (!store.MayContain(hash))
        {
            return null;
        }

        var entries = store.Entries;
        var mask = entries.Length - 1;
        var length = first.Length + 1 + second.Length;
        for (var index = hash & mask; ; index = (index + 1) & mask)
        {
            ref var entry = ref entries[index];
            var candidate = Volatile.Read(ref entry.Key);
            if (candidate is null)
            {
                return null;
            }

            if (entry.Hash == hash
                && candidate.Length == length
                && candidate[first.Length] == separator
                && candidate.AsSpan(0, first.Length).SequenceEqual(first)
                && candidate.AsSpan(first.Length + 1).SequenceEqual(second))
            {
                return Volatile.Read(ref entry.Postings);
            }
        }
    }

    /// <summary>A term's postings, for the writer.</summary>
    public int[]? Get(string key, int hash) => Find(key, hash);

    /// <summary>Sets a term's postings; null removes the term. Writer only.</summary>
    public void Set(string key, int hash, int[]? postings)
    {
        var store = _store;
        var entries = store.Entries;
        var mask = entries.Length - 1;
        var index = hash & mask;
        for (; entries[index].Key is { } existing; index = (index + 1) & mask)
        {
            if (entries[index].Hash == hash && string.Equals(existing, key, StringComparison.Ordinal))
            {
                var had = entries[index].Postings is not null;
                Volatile.Write(ref entries[index].Postings, postings);
                Volatile.Write(ref _live, _live + (postings is not null ? 1 : 0) - (had ? 1 : 0));
                return;
            }
        }

        if (postings is null)
        {
            return;
        }

        if ((_used + 1) * 2 > entries.Length)
        {
            Rebuild(_live + 1);
            Set(key, hash, postings);
            return;
        }

        store.Mark(hash);
        entries[index].Hash = hash;
        entries[index].Postings = postings;
        Volatile.Write(ref entries[index].Key, key);
        _used++;
        Volatile.Write(ref _live, _live + 1);
    }

    /// <summary>Copies the terms that have postings into a new store at most a quarter full.</summary>
    private void Rebuild(int liveTerms)
    {
        var capacity = InitialCapacity;
        while (capacity < liveTerms * 4)
        {
            capacity *= 2;
        }

        var rebuilt = new Store(capacity);
        var mask = capacity - 1;
        var used = 0;
        foreach (var entry in _store.Entries)
        {
            if (entry.Key is null || entry.Postings is null)
            {
                continue;
            }

            var index = entry.Hash & mask;
            while (rebuilt.Entries[index].Key is not null)
            {
                index = (index + 1) & mask;
            }

            rebuilt.Entries[index] = entry;
            rebuilt.Mark(entry.Hash);
            used++;
        }

        _used = used;
        Volatile.Write(ref _store, rebuilt);
    }

    private struct Entry
    {
        public string? Key;
        public int Hash;
        public int[]? Postings;
    }

    /// <summary>The entries and the filter of their hashes, replaced together.</summary>
    private sealed class Store
    {
        // Bits of the hash above those that pick a slot in most tables, so the filter and the slots disagree.
        private const int FilterShift = 7;

        private readonly ulong[] _filter;
        private readonly int _filterMask;

        public Store(int capacity)
        {
            Entries = new Entry[capacity];

            // Four bits per slot: at most half the slots hold a term, so eight bits or more per term.
            var bits = Math.Max(4096, capacity * 4);
            _filter = new ulong[bits / 64];
            _filterMask = bits - 1;
        }

        public Entry[] Entries { get; }

        public bool MayContain(int hash)
        {
            var bit = (int)((uint)hash >> FilterShift) & _filterMask;
            return (Volatile.Read(ref _filter[bit >> 6]) & (1UL << bit)) != 0;
        }

        public void Mark(int hash)
        {
            var bit = (int)((uint)hash >> FilterShift) & _filterMask;
            Interlocked.Or(ref _filter[bit >> 6], 1UL << bit);
        }
    }
}
