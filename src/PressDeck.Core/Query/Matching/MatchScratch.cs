namespace PressDeck.Core.Query.Matching;

/// <summary>
/// Per-thread working memory of <see cref="QueryMatcher.Match(Text.AnalyzedPost, List{int}, out int)"/>, so that matching
/// allocates nothing once the arrays have grown to the index's size. Entries are stamped with an epoch that changes
/// for every post, so nothing is cleared between posts; a slot's stamp and the passes the post has hit share one int
/// (<c>epoch &lt;&lt; 3 | passes</c>), one memory access per posting. Shared by every matcher on the thread (an epoch is never
/// reused for two posts); not thread-safe.
/// </summary>
internal sealed class MatchScratch
{
    [ThreadStatic]
    private static MatchScratch? _current;

    private const int PassBits = 3;

    // Epochs fit in the bits above the passes; after the last one every stamp is cleared and counting starts again.
    private const int LastEpoch = int.MaxValue >> PassBits;

    private int[] _slotStates = new int[64];
    private int[] _handleEpochs = new int[64];
    private int[] _candidates = new int[64];
    private int[] _lookups = new int[128];

    /// <summary>Room for <paramref name="count"/> pending term lookups of one post.</summary>
    public Span<int> Lookups(int count)
    {
        if (_lookups.Length < count)
        {
            _lookups = new int[Math.Max(count, _lookups.Length * 2)];
        }

        return _lookups;
    }

    public static MatchScratch ForCurrentThread() => _current ??= new MatchScratch();

    public PostView View { get; } = new();

    public int Epoch { get; private set; }

    public int CandidateCount { get; private set; }

    public ReadOnlySpan<int> Candidates => _candidates.AsSpan(0, CandidateCount);

    public void BeginPost()
    {
        Epoch++;
        if (Epoch == LastEpoch)
        {
            Array.Clear(_slotStates);
            Array.Clear(_handleEpochs);
            Epoch = 1;
        }

        CandidateCount = 0;
    }

    /// <summary>
    /// Records that a post hit one pass of a query version; returns true when that completes the version's passes
    /// (the first time only).
    /// </summary>
    public bool HitPass(int slot, int passBit, int passMask)
    {
        if ((uint)slot >= (uint)_slotStates.Length)
        {
            Grow(ref _slotStates, slot);
        }

        var state = _slotStates[slot];
        var stamp = Epoch << PassBits;
        var before = (state & ~((1 << PassBits) - 1)) == stamp ? state & ((1 << PassBits) - 1) : 0;
        if (before == passMask)
        {
            return false;
        }

        var passes = before | passBit;
        _slotStates[slot] = stamp | passes;
        return passes == passMask;
    }

    public void AddCandidate(int slot)
    {
        if (CandidateCount == _candidates.Length)
        {
            Array.Resize(ref _candidates, _candidates.Length * 2);
        }

        _candidates[CandidateCount++] = slot;
    }

    /// <summary>Marks a query as evaluated for this post; false when it already was.</summary>
    public bool TryMarkEvaluated(int handleIndex)
    {
        if ((uint)handleIndex >= (uint)_handleEpochs.Length)
        {
            Grow(ref _handleEpochs, handleIndex);
        }

        if (_handleEpochs[handleIndex] == Epoch)
        {
            return false;
        }

        _handleEpochs[handleIndex] = Epoch;
        return true;
    }

    private static void Grow(ref int[] array, int index) =>
        Array.Resize(ref array, Math.Max(index + 1, array.Length * 2));
}
