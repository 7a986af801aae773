using System.Collections.Immutable;

namespace PressDeck.Core.Query;

/// <summary>All operands match. The parser flattens nested ANDs, so no operand is an <see cref="AndNode"/>; at least two operands.</summary>
public sealed record AndNode(ImmutableArray<QueryNode> Operands) : QueryNode
{
    public bool Equals(AndNode? other) =>
        other is not null && Operands.AsSpan().SequenceEqual(other.Operands.AsSpan());

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var operand in Operands.AsSpan())
        {
            hash.Add(operand);
        }

        return hash.ToHashCode();
    }
}
