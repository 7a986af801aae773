using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.Media;

/// <summary>How much an uploaded image may cost PressDeck before it is refused (SECURITY.md: hostile input, image bombs).</summary>
public sealed class ImagePreparerOptions
{
    public const string Section = "Media:Images";

    /// <summary>Uploads larger than this are refused without being decoded (a phone's largest photos are 10 to 20 MB).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>
    /// Images whose header declares more pixels than this are refused before any pixel is decoded: a few kilobytes
    /// of PNG can declare 100,000 × 100,000 pixels, 40 GB of memory. 100 megapixels covers every camera but the
    /// 200-megapixel modes of a few phones.
    /// </summary>
    [Range(1_000_000, 1_000_000_000)]
    public long MaxDeclaredPixels { get; set; } = 100_000_000;
}
