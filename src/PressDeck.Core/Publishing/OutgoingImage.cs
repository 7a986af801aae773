namespace PressDeck.Core.Publishing;

/// <summary>
/// An image ready to upload: already turned upright, resized to the network's limit and stripped of EXIF and GPS data.
/// <paramref name="AltText"/> is required: PressDeck never publishes an image without a description.
/// </summary>
public sealed record OutgoingImage(ReadOnlyMemory<byte> Content, string MediaType, int Width, int Height, string AltText);
