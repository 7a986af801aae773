using PressDeck.Core.Posts;

namespace PressDeck.Core.Publishing;

/// <summary>
/// How much of a network's length limit a post's text uses, as <see cref="PostLength.Measure"/> counts it for the person
/// typing. <see cref="Bytes"/> and <see cref="ByteLimit"/> are set only where the network also limits the UTF-8 size
/// (Bluesky, and the demo network that follows its rules).
/// </summary>
/// <param name="Used">How much the text counts, in <paramref name="Unit"/>.</param>
/// <param name="Limit">The most the network accepts, in <paramref name="Unit"/>.</param>
/// <param name="Unit">What is counted, in words for the person (<c>characters</c>, <c>weighted characters</c>).</param>
public sealed record PostLengthMeasure(Network Network, int Used, int Limit, string Unit, int? Bytes = null, int? ByteLimit = null)
{
    /// <summary>What is left before the limit; negative when the text is over it.</summary>
    public int Remaining => Limit - Used;

    public bool IsOverByteLimit => Bytes > ByteLimit;

    /// <summary>True when the network would refuse the text: over the character limit or over the byte limit.</summary>
    public bool IsOver => Used > Limit || IsOverByteLimit;
}
