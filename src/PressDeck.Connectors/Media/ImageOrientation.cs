using SkiaSharp;

namespace PressDeck.Connectors.Media;

/// <summary>
/// The eight EXIF orientations (TIFF 6.0 tag 274, as <see cref="SKEncodedOrigin"/>): where the stored image's first row
/// and first column belong when it is shown upright.
/// </summary>
internal static class ImageOrientation
{
    /// <summary>Orientations 5 to 8 turn the image a quarter, so its width and height trade places.</summary>
    public static bool SwapsAxes(SKEncodedOrigin origin) => origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// The matrix that maps a stored image of <paramref name="width"/> × <paramref name="height"/> onto the upright one
    /// (x' = ScaleX·x + SkewX·y + TransX, y' = SkewY·x + ScaleY·y + TransY). Each is exact: whole-pixel flips and
    /// quarter turns, so no pixel is resampled by turning it.
    /// </summary>
    public static SKMatrix ToUpright(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        // 2: mirrored left to right.
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),

        // 3: turned half way.
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),

        // 4: mirrored top to bottom.
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),

        // 5: mirrored along the main diagonal (x' = y, y' = x).
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),

        // 6: stored a quarter turn anticlockwise, shown a quarter turn clockwise (x' = h − y, y' = x).
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),

        // 7: mirrored along the other diagonal (x' = h − y, y' = w − x).
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),

        // 8: stored a quarter turn clockwise, shown a quarter turn anticlockwise (x' = y, y' = w − x).
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),

        // 1 and anything unknown: as stored.
        _ => SKMatrix.Identity,
    };
}
