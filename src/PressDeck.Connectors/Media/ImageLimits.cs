using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Media;

/// <summary>
/// What one network accepts for an image: at most <see cref="MaxBytes"/> bytes, a long edge of at most
/// <see cref="MaxLongEdge"/> pixels and, where the network counts area rather than edges, at most
/// <see cref="MaxPixels"/> pixels in all. <see cref="ImagePreparer"/> shrinks an image (never enlarges it) until all hold.
/// </summary>
public sealed record ImageLimits
{
    public ImageLimits(long maxBytes, int maxLongEdge, long? maxPixels = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, MinBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLongEdge, MinLongEdge);
        if (maxPixels is { } pixels)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(pixels, (long)MinLongEdge * MinLongEdge, nameof(maxPixels));
        }

        MaxBytes = maxBytes;
        MaxLongEdge = maxLongEdge;
        MaxPixels = maxPixels;
    }

    /// <summary>The smallest byte limit that still leaves room for a recognisable photo.</summary>
    public const long MinBytes = 50_000;

    /// <summary>The shortest long edge a limit may ask for, and the smallest an image is shrunk to in order to fit the byte limit.</summary>
    public const int MinLongEdge = 320;

    /// <summary>
    /// Bluesky: <c>app.bsky.embed.images</c> takes blobs up to 2,000,000 bytes today, but older servers and the
    /// documentation say 1,000,000, so PressDeck stays under 1,000,000 (protocols.md 1.5); 2000 pixels on the long
    /// edge is what Bluesky's own app sends.
    /// </summary>
    public static ImageLimits Bluesky { get; } = new(1_000_000, 2000);

    /// <summary>
    /// Mastodon: 16 MiB per image since Mastodon 4.0 (10 MiB before; <c>configuration.media_attachments.image_size_limit</c>
    /// of <c>GET /api/v2/instance</c> says what a server takes). A server refuses images larger than its
    /// <c>image_matrix_limit</c> (16,777,216 pixels, about 16 megapixels, before 4.2; 33,177,600 since) and keeps originals
    /// at 3840 × 2160 pixels' worth of area, so PressDeck sends at most 8,294,400 pixels: more would only be thrown away.
    /// </summary>
    public static ImageLimits Mastodon { get; } = new(16 * 1024 * 1024, 7680, 3840 * 2160);

    /// <summary>X: images up to 5 MB through <c>POST /2/media/upload</c> (protocols.md 3.7; kept at 5,000,000 to be safe); X shows at most 4096 pixels on the long edge.</summary>
    public static ImageLimits X { get; } = new(5_000_000, 4096);

    /// <summary>The demo network keeps nothing, and behaves like the strictest real network so a trainee sees what Bluesky would do.</summary>
    public static ImageLimits Demo { get; } = new(1_000_000, 2000);

    public long MaxBytes { get; }

    public int MaxLongEdge { get; }

    public long? MaxPixels { get; }

    /// <summary>The limits of the network a post goes to.</summary>
    public static ImageLimits For(Network network) => network switch
    {
        Network.Bluesky => Bluesky,
        Network.Mastodon => Mastodon,
        Network.X => X,
        Network.Demo => Demo,
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "PressDeck does not publish images to this network."),
    };
}
