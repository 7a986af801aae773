using System.Collections.Immutable;

namespace PressDeck.Core.Query;

/// <summary>
/// <c>"several words"</c>, or a bare term that normalises to several tokens (<c>covid-19</c>): the normalised word
/// tokens occur consecutively, in order, with no mention or link between them. Always holds at least two words.
/// </summary>
public sealed record PhraseNode(ImmutableArray<string> Words) : ClauseNode
{
    public bool Equals(PhraseNode? other) =>
        other is not null && Words.AsSpan().SequenceEqual(other.Words.AsSpan());

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var word in Words.AsSpan())
        {
            hash.Add(word, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
