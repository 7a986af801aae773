using PressDeck.Core.Lists;
using PressDeck.Core.Text;

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// Matches posts against many standing queries at once (issue 3). Each query is indexed under the terms a post must
/// have to match it (a presearcher in the manner of Lucene Monitor / Luwak), so a post is evaluated only against the
/// queries it could match; queries with nothing to index are checked against every post. The answers are exactly
/// those of <see cref="ReferenceEvaluator"/>.
/// </summary>
/// <remarks>
/// Thread-safe: any number of threads may call <see cref="Match(AnalyzedPost, List{int})"/> while others call
/// <see cref="Set"/> and <see cref="Remove"/>. Matching never locks or waits; edits are serialised, change only the
/// postings of the edited query, and wait for in-flight matches before recycling anything those could still read.
/// For every post, each query is evaluated in one version: the one before an edit or the one after it.
/// </remarks>
public sealed class QueryMatcher
{
    private readonly IListDirectory _lists;
    private readonly TermIndex _index = new();
    private readonly ReaderGate _gate = new();
    private readonly Lock _writeLock = new();

    // Writer-only state, guarded by _writeLock.
    private readonly Dictionary<int, QueryHandle> _handles = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly Stack<int> _freeHandleIndexes = new();
    private int _nextSlot;
    private int _nextHandleIndex;

    // Read by matching threads. The writer fills a slot before publishing any posting that names it, and replaces the
    // array (to grow it) only by a copy, so a reader that reads the field after the postings sees the slot filled.
    private SlotEntry[] _slots = new SlotEntry[64];

    // By slot, read only for entries with HasAttributes; written with the entry, grown with it.
    private SlotAttributes[] _attributes = new SlotAttributes[64];
    private int[] _alwaysChecked = [];
    private int _count;

    /// <summary>Creates an empty matcher; <paramref name="lists"/> answers <c>list:</c> clauses when posts are matched.</summary>
    public QueryMatcher(IListDirectory lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        _lists = lists;
    }

    /// <summary>The number of standing queries.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Adds the query <paramref name="queryId"/>, or replaces it. Only this query's postings change; matches running
    /// meanwhile see the old version or the new one. Setting the same query again does nothing.
    /// </summary>
    public void Set(int queryId, QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var predicate = PostPredicate.Compile(query);
        var plan = PresearchPlanner.Plan(query);
        lock (_writeLock)
        {
            _handles.TryGetValue(queryId, out var handle);
            var previous = handle?.Current;
            if (previous is not null && previous.Query.Equals(query))
            {
                return;
            }

            if (handle is null)
            {
                handle = new QueryHandle(queryId, _freeHandleIndexes.TryPop(out var index) ? index : _nextHandleIndex++);
                _handles.Add(queryId, handle);
                Volatile.Write(ref _count, _count + 1);
            }

            var version = new QueryVersion(handle, query, predicate, plan, AllocateSlot());
            Publish(version);

            // The switch: a reader that reaches the query through the old version's postings now finds this one.
            handle.Current = version;
            if (previous is not null)
            {
                Retire(previous);
            }
        }
    }

    /// <summary>Removes the query <paramref name="queryId"/>; false when there was none. Returns once no match can report it.</summary>
    public bool Remove(int queryId)
    {
        lock (_writeLock)
        {
            if (!_handles.Remove(queryId, out var handle))
            {
                return false;
            }

            var previous = handle.Current;
            handle.Current = null;
            Volatile.Write(ref _count, _count - 1);
            if (previous is not null)
            {
                Retire(previous);
            }

            // Retire waited for every reader that could have seen the handle, so its index can serve another query.
            _freeHandleIndexes.Push(handle.Index);
            return true;
        }
    }

    /// <summary>Appends the ids of the queries that <paramref name="post"/> matches to <paramref name="matches"/>, in no particular order.</summary>
    public void Match(AnalyzedPost post, List<int> matches) => Match(post, matches, out _);

    /// <summary>
    /// Appends the ids of the queries that <paramref name="post"/> matches to <paramref name="matches"/>, in no particular
    /// order; <paramref name="candidates"/> is how many queries were evaluated in full (those the presearcher let through).
    /// </summary>
    public void Match(AnalyzedPost post, List<int> matches, out int candidates)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(matches);
        var scratch = MatchScratch.ForCurrentThread();
        var phase = _gate.Enter();
        try
        {
            scratch.BeginPost();
            scratch.View.Load(post, _lists);
            CollectCandidates(scratch);
            candidates = EvaluateCandidates(scratch, matches);
        }
        finally
        {
            _gate.Exit(phase);
        }
    }

    /// <summary>Looks up every term of the post and keeps the query versions whose every pass it hits.</summary>
    private void CollectCandidates(MatchScratch scratch)
    {
        var view = scratch.View;
        var post = view.Post;
        var index = _index;
        var hasPrefixBuckets = index.HasPrefixBuckets;
        var hasBigrams = index.HasBigrams;
        var words = index.Words;
        var bigrams = index.Bigrams;

        // In three steps, so that the cache misses of the lookups overlap: rule out what the filters can and start
        // loading the entries of the rest; start loading their keys and postings; then look up and collect.
        var lookups = scratch.Lookups(2 * view.TokenCount);
        var lookupCount = 0;
        var previousHash = 0;
        for (var position = 0; position < view.TokenCount; position++)
        {
            var hash = view.TokenHashAt(position);
            if (words.PrefetchEntry(hash))
            {
                lookups[lookupCount++] = position << 1;
            }

            if (hasBigrams && position > 0 && bigrams.PrefetchEntry(TokenHash.Bigram(previousHash, hash)))
            {
                lookups[lookupCount++] = (position << 1) | 1;
            }

            previousHash = hash;
        }

        foreach (var lookup in lookups[..lookupCount])
        {
            var position = lookup >> 1;
            var hash = view.TokenHashAt(position);
            if ((lookup & 1) == 0)
            {
                words.PrefetchContents(hash);
            }
            else
            {
                bigrams.PrefetchContents(TokenHash.Bigram(view.TokenHashAt(position - 1), hash));
            }
        }

        foreach (var lookup in lookups[..lookupCount])
        {
            var position = lookup >> 1;
            var hash = view.TokenHashAt(position);
            Hit(
                (lookup & 1) == 0
                    ? index.FindWord(view.Token(position), hash)
                    : index.FindBigram(view.Token(position - 1), view.TokenHashAt(position - 1), view.Token(position), hash),
                scratch);
        }

        if (hasPrefixBuckets)
        {
            for (var position = 0; position < view.TokenCount; position++)
            {
                var token = view.Token(position);
                if (token.Length >= Term.PrefixBucketLength)
                {
                    Hit(index.FindPrefixBucket(token[..Term.PrefixBucketLength]), scratch);
                }
            }
        }

        foreach (var tag in view.Hashtags)
        {
            Hit(index.FindHashtag(tag), scratch);
        }

        foreach (var handle in view.Mentions)
        {
            Hit(index.FindMention(handle), scratch);
        }

        Hit(index.FindAuthor(post.AuthorHandle), scratch);
        if (post.IsReply && post.ReplyToHandle is { } replyTo)
        {
            Hit(index.FindReplyTo(replyTo), scratch);
        }

        if (index.HasHosts)
        {
            foreach (var link in view.Links)
            {
                // url:host covers subdomains, so a link yields its host and every parent domain.
                var host = link.Host.AsSpan();
                while (true)
                {
                    Hit(index.FindHost(host), scratch);
                    var dot = host.IndexOf('.');
                    if (dot < 0)
                    {
                        break;
                    }

                    host = host[(dot + 1)..];
                }
            }
        }

        foreach (var language in view.Languages)
        {
            Hit(index.FindLanguage(language), scratch);
        }

        Hit(index.FindNetwork(post.Network), scratch);
        HitFlag(PostFlag.Reply, post.IsReply, scratch);
        HitFlag(PostFlag.Quote, post.IsQuote, scratch);
        HitFlag(PostFlag.Repost, post.IsRepost, scratch);
        HitFlag(PostFlag.Links, view.Links.Length > 0, scratch);
        HitFlag(PostFlag.Media, post.HasMedia, scratch);
        HitFlag(PostFlag.Images, post.HasImages, scratch);
        HitFlag(PostFlag.Video, post.HasVideo, scratch);

        foreach (var slot in Volatile.Read(ref _alwaysChecked))
        {
            scratch.AddCandidate(slot);
        }
    }

    private void HitFlag(PostFlag flag, bool isSet, MatchScratch scratch)
    {
        if (isSet)
        {
            Hit(_index.FindFlag(flag), scratch);
        }
    }

    private static void Hit(int[]? postings, MatchScratch scratch)
    {
        if (postings is null)
        {
            return;
        }

        foreach (var posting in postings)
        {
            var slot = TermIndex.SlotOf(posting);
            if (TermIndex.IsOnlyPass(posting))
            {
                // One pass: the hit makes a candidate, with no bookkeeping (a query hit twice is evaluated once).
                scratch.AddCandidate(slot);
            }
            else if (scratch.HitPass(slot, TermIndex.PassBitOf(posting), TermIndex.PassMaskOf(posting)))
            {
                scratch.AddCandidate(slot);
            }
        }
    }

    /// <summary>Evaluates the current version of each candidate's query once, after its attribute check.</summary>
    private int EvaluateCandidates(MatchScratch scratch, List<int> matches)
    {
        var view = scratch.View;
        var attributes = view.Attributes;
        var slots = Volatile.Read(ref _slots);
        var attributeRules = Volatile.Read(ref _attributes);
        var evaluated = 0;
        var candidates = scratch.Candidates;

        // Start loading every candidate's entry, then every residual predicate, before evaluating any: their cache
        // misses overlap instead of following one another.
        foreach (var slot in candidates)
        {
            CachePrefetch.Location(ref slots[slot]);
        }

        foreach (var slot in candidates)
        {
            if (slots[slot].Predicate is { } residual)
            {
                CachePrefetch.Object(residual);
            }
        }

        foreach (var slot in candidates)
        {
            ref var entry = ref slots[slot];
            if (!scratch.TryMarkEvaluated(entry.HandleIndex))
            {
                continue;
            }

            PostPredicate? predicate;
            int queryId;
            if (Volatile.Read(ref entry.Superseded) == 0)
            {
                if (entry.HasAttributes != 0
                    && (!attributes.ContainsAll(attributeRules[slot].Required) || attributes.Overlaps(attributeRules[slot].Forbidden)))
                {
                    continue;
                }

                predicate = entry.Predicate;
                queryId = entry.QueryId;
            }
            else
            {
                // A candidate found through a version being replaced stands for its query: the current version is
                // evaluated (it has the same handle, so it is not evaluated twice), or nothing once it was removed.
                if (entry.Version?.Handle.Current is not { } current)
                {
                    continue;
                }

                var plan = current.Plan;
                if (!attributes.ContainsAll(plan.RequiredAttributes) || attributes.Overlaps(plan.ForbiddenAttributes))
                {
                    continue;
                }

                predicate = current.Predicate;
                queryId = current.Handle.QueryId;
            }

            evaluated++;
            if (predicate is null || predicate.Matches(view))
            {
                matches.Add(queryId);
            }
        }

        return evaluated;
    }

    private int AllocateSlot()
    {
        if (_freeSlots.TryPop(out var slot))
        {
            return slot;
        }

        slot = _nextSlot++;
        if (slot == _slots.Length)
        {
            // Attributes first: a reader that sees the grown slot array then sees the grown attribute array too.
            var attributes = new SlotAttributes[_attributes.Length * 2];
            _attributes.CopyTo(attributes, 0);
            Volatile.Write(ref _attributes, attributes);
            var slots = new SlotEntry[_slots.Length * 2];
            _slots.CopyTo(slots, 0);
            Volatile.Write(ref _slots, slots);
        }

        return slot;
    }

    /// <summary>Makes a version findable: slot first, then postings. The caller switches the handle to it afterwards.</summary>
    private void Publish(QueryVersion version)
    {
        var plan = version.Plan;
        _attributes[version.Slot] = new SlotAttributes(plan.RequiredAttributes, plan.ForbiddenAttributes);
        _slots[version.Slot] = SlotEntry.For(version);
        if (plan.IsAlwaysChecked)
        {
            Volatile.Write(ref _alwaysChecked, [.. _alwaysChecked, version.Slot]);
            return;
        }

        for (var pass = 0; pass < plan.Passes.Length; pass++)
        {
            foreach (var term in plan.Passes[pass])
            {
                _index.Add(term, TermIndex.Posting(version.Slot, pass, plan.Passes.Length));
            }
        }
    }

    /// <summary>
    /// Unindexes a version that is no longer current and recycles its slot. Waits twice for in-flight matches: before
    /// removing its postings (so a match that began before the switch still finds the query through them), and
    /// before reusing the slot (so no match still holds a posting that names it).
    /// </summary>
    private void Retire(QueryVersion version)
    {
        // From here on readers follow the handle to the current version (or to none); a reader that still trusts the
        // entry evaluates the old version, which is allowed: its handle is marked, so the new one is not evaluated too.
        Volatile.Write(ref _slots[version.Slot].Superseded, 1);
        _gate.WaitForReaders();
        var plan = version.Plan;
        if (plan.IsAlwaysChecked)
        {
            Volatile.Write(ref _alwaysChecked, [.. _alwaysChecked.Where(slot => slot != version.Slot)]);
        }
        else
        {
            foreach (var pass in plan.Passes)
            {
                foreach (var term in pass)
                {
                    _index.Remove(term, version.Slot);
                }
            }
        }

        _gate.WaitForReaders();
        _slots[version.Slot] = default;
        _freeSlots.Push(version.Slot);
    }

    private readonly record struct SlotAttributes(AttributeSet Required, AttributeSet Forbidden);
}
