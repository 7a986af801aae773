namespace PressDeck.Core.Query.Matching;

/// <summary>
/// Lets a writer wait until every reader that might still hold a retired posting has finished, without readers ever
/// waiting (a two-phase grace period, as in read-copy-update). Readers count themselves in the current phase; the
/// writer flips the phase and waits for the old phase's count to drain.
/// </summary>
/// <remarks>
/// A reader checks, after counting itself, that the phase has not flipped meanwhile, and otherwise moves to the new
/// phase. Without that check, a reader that read the phase just before a flip would count itself in the old phase
/// after the writer saw it drained, and the next flip, which waits for the other phase, would not wait for it.
/// </remarks>
internal sealed class ReaderGate
{
    // The two counters sit 128 bytes apart so that readers in different phases do not share a cache line.
    private const int Stride = 16;

    private readonly long[] _readers = new long[2 * Stride];
    private int _phase;

    /// <summary>Registers a reader; pass the result to <see cref="Exit"/>.</summary>
    public int Enter()
    {
        while (true)
        {
            var phase = Volatile.Read(ref _phase);
            Interlocked.Increment(ref _readers[phase * Stride]);
            if (Volatile.Read(ref _phase) == phase)
            {
                return phase;
            }

            Interlocked.Decrement(ref _readers[phase * Stride]);
        }
    }

    public void Exit(int phase) => Interlocked.Decrement(ref _readers[phase * Stride]);

    /// <summary>
    /// Returns once every reader registered before this call has exited. Writer only (under the write lock); a reader
    /// must never call it, or it would wait for itself.
    /// </summary>
    public void WaitForReaders()
    {
        var previous = _phase;
        Interlocked.Exchange(ref _phase, 1 - previous);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _readers[previous * Stride]) != 0)
        {
            spin.SpinOnce();
        }
    }
}
