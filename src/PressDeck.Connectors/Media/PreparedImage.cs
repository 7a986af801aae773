using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Media;

/// <summary>
/// An image ready for one network: upright, no larger than the network's limits, re-encoded from its pixels so that
/// it carries no EXIF, GPS, XMP or ICC data. <see cref="MediaType"/> is <c>image/jpeg</c> or <c>image/png</c>.
/// </summary>
public sealed record PreparedImage(ReadOnlyMemory<byte> Content, string MediaType, int Width, int Height)
{
    /// <summary>The image to publish, with its description; PressDeck never publishes an image without one.</summary>
    public OutgoingImage ToOutgoingImage(string altText)
    {
        if (string.IsNullOrWhiteSpace(altText))
        {
            throw new ArgumentException("An image needs alt text describing it for people who cannot see it.", nameof(altText));
        }

        return new OutgoingImage(Content, MediaType, Width, Height, altText.Trim());
    }
}
