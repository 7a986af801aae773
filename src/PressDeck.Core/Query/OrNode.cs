using System.Collections.Immutable;

namespace PressDeck.Core.Query;

/// <summary>Any operand matches. The parser flattens nested ORs, so no operand is an <see cref="OrNode"/>; at least two operands.</summary>
public sealed record OrNode(ImmutableArray<QueryNode> Operands) : QueryNode
{
    public bool Equals(OrNode? other) =>
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
