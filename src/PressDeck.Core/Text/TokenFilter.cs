namespace PressDeck.Core.Text;

/// <summary>
/// A 256-bit filter of a post's token hashes (<see cref="TokenHash"/>), indexed by the hash's top byte (the term
/// tables use the low bits): a word whose bit is clear is not among the tokens.
/// </summary>
internal struct TokenFilter
{
    private Bits _bits;

    public void Add(int hash)
    {
        var bit = (uint)hash >> 24;
        _bits[(int)(bit >> 6)] |= 1UL << (int)(bit & 63);
    }

    public readonly bool MayContain(int hash)
    {
        var bit = (uint)hash >> 24;
        return (_bits[(int)(bit >> 6)] & (1UL << (int)(bit & 63))) != 0;
    }

    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct Bits
    {
        private ulong _element;
    }
}
