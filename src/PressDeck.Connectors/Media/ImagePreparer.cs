using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace PressDeck.Connectors.Media;

/// <summary>
/// Turns the bytes a person uploaded (JPEG, PNG, WebP, GIF's first frame, BMP; HEIC and AVIF where Skia decodes them)
/// into an image one network accepts: refused when the file or the pixel count its header declares is too large (before
/// any pixel is decoded), turned upright from its EXIF orientation, shrunk (never enlarged) to the network's
/// <see cref="ImageLimits"/>, and re-encoded from its pixels, so no EXIF, GPS, XMP or ICC data survives. Photos become
/// JPEG, stepping quality and then size down until they fit the byte limit; a PNG, GIF or BMP (screenshots, charts,
/// logos), or anything with transparency, stays PNG when that fits. An upload that cannot be read is refused with a
/// sentence saying why; nothing here throws for bad input.
/// </summary>
/// <remarks>
/// Orientation comes from Skia's own reading of the EXIF block (<see cref="SKCodec.EncodedOrigin"/>), which covers
/// JPEG (every phone and camera photo) and WebP; a second metadata parser for hostile input would add risk for no
/// gain. PNG's rare <c>eXIf</c> chunk is not read by Skia, so such a PNG is published as stored.
/// Thread-safe: every call works on its own buffers. CPU-bound (up to about a second for a large photo):
/// <see cref="PrepareAsync"/> runs it on the thread pool.
/// </remarks>
public sealed class ImagePreparer
{
    public const string JpegMediaType = "image/jpeg";

    public const string PngMediaType = "image/png";

    /// <summary>Shrinking rounds before giving up on the byte limit; each shrinks by at least a tenth, so the minimum edge is reached first.</summary>
    private const int MaxShrinkRounds = 16;

    private readonly ImagePreparerOptions _options;

    public ImagePreparer(IOptions<ImagePreparerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>JPEG qualities tried in turn before the image is made smaller: 85 keeps a photo indistinguishable from its original at screen size.</summary>
    private static ReadOnlySpan<int> JpegQualities => [85, 78, 70, 62];

    /// <summary>
    /// Reads an upload of at most <see cref="ImagePreparerOptions.MaxUploadBytes"/> bytes (stopping as soon as it is
    /// larger) and prepares it on the thread pool.
    /// </summary>
    public async Task<ImagePreparationResult> PrepareAsync(Stream upload, ImageLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(limits);
        if (upload.CanSeek && upload.Length - upload.Position > _options.MaxUploadBytes)
        {
            return FileTooLarge(upload.Length - upload.Position);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await upload.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.MaxUploadBytes)
            {
                return FileTooLarge(null);
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }

        var content = buffer.GetBuffer();
        var length = (int)buffer.Length;
        return await Task.Run(() => Prepare(content.AsSpan(0, length), limits, cancellationToken), cancellationToken);
    }

    /// <summary>Prepares an upload for a network with <paramref name="limits"/>; the result is the image or why it was refused.</summary>
    public ImagePreparationResult Prepare(ReadOnlySpan<byte> upload, ImageLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (upload.IsEmpty)
        {
            return NotAnImage("the file is empty");
        }

        if (upload.Length > _options.MaxUploadBytes)
        {
            return FileTooLarge(upload.Length);
        }

        try
        {
            using var data = SKData.CreateCopy(upload);

            // The codec owns the stream from here on, including when it fails.
            using var codec = SKCodec.Create(new SKMemoryStream(data), out var opened);
            if (codec is null)
            {
                return ContainerName(upload) is { } container
                    ? ImagePreparationResult.Refused(ImageRefusalReason.UnsupportedFormat, $"PressDeck cannot read {container} images yet. Save or export the photo as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible) and upload that.")
                    : NotAnImage(Describe(opened));
            }

            return Prepare(codec, limits, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Skia reports through result codes; this is the last guard, so no upload can take the caller down.
            return NotAnImage($"reading it failed: {exception.Message}");
        }
    }

    private ImagePreparationResult Prepare(SKCodec codec, ImageLimits limits, CancellationToken cancellationToken)
    {
        var format = codec.EncodedFormat;
        // HEIF and AVIF only where Skia was built with their decoders (not its Linux build): then they are read like the rest.
        if (format is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp or SKEncodedImageFormat.Gif or SKEncodedImageFormat.Bmp or SKEncodedImageFormat.Heif or SKEncodedImageFormat.Avif))
        {
            return ImagePreparationResult.Refused(ImageRefusalReason.UnsupportedFormat, $"PressDeck cannot publish {format.ToString().ToUpperInvariant()} images. Upload a JPEG, PNG, WebP or GIF.");
        }

        // The header alone has been read so far: the declared size is checked before any pixel is decoded.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            return NotAnImage("it declares no pixels");
        }

        var declared = (long)width * height;
        if (declared > _options.MaxDeclaredPixels)
        {
            return ImagePreparationResult.Refused(
                ImageRefusalReason.TooManyPixels,
                string.Create(CultureInfo.InvariantCulture, $"This image declares {width:N0} × {height:N0} pixels ({declared / 1e6:N0} megapixels); PressDeck reads images of up to {_options.MaxDeclaredPixels / 1e6:N0} megapixels. Export a smaller copy and upload that."));
        }

        var origin = codec.EncodedOrigin;
        var (targetWidth, targetHeight) = Fit(width, height, limits.MaxLongEdge, limits.MaxPixels);
        if (!TryDecode(codec, targetWidth, targetHeight, out var decoded, out var problem))
        {
            return NotAnImage(problem);
        }

        using var decodedPixels = decoded;
        cancellationToken.ThrowIfCancellationRequested();
        using var upright = Draw(decoded, targetWidth, targetHeight, origin, background: null);
        var hasTransparency = codec.Info.AlphaType != SKAlphaType.Opaque && HasTransparentPixel(upright);
        if (hasTransparency || format is SKEncodedImageFormat.Png or SKEncodedImageFormat.Gif or SKEncodedImageFormat.Bmp)
        {
            var png = EncodePng(upright);
            if (png.Length <= limits.MaxBytes)
            {
                return ImagePreparationResult.Prepared(new PreparedImage(png, PngMediaType, upright.Width, upright.Height));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!hasTransparency)
        {
            return EncodeJpegToFit(upright, limits, cancellationToken);
        }

        // JPEG has no transparency: what was see-through is shown on white, as most viewers show it.
        using var flattened = Draw(upright, upright.Width, upright.Height, SKEncodedOrigin.TopLeft, SKColors.White);
        return EncodeJpegToFit(flattened, limits, cancellationToken);
    }

    /// <summary>
    /// The largest size within the limits with the image's aspect ratio (in stored orientation: the limits do not
    /// care which edge is which), or its own size when it already fits.
    /// </summary>
    private static (int Width, int Height) Fit(int width, int height, int maxLongEdge, long? maxPixels)
    {
        var scale = Math.Min(1.0, (double)maxLongEdge / Math.Max(width, height));
        if (maxPixels is { } pixels)
        {
            scale = Math.Min(scale, Math.Sqrt(pixels / ((double)width * height)));
        }

        if (scale >= 1.0)
        {
            return (width, height);
        }

        var fitted = (Width: Math.Max(1, (int)Math.Round(width * scale)), Height: Math.Max(1, (int)Math.Round(height * scale)));
        if (maxPixels is { } area && (long)fitted.Width * fitted.Height > area)
        {
            fitted = (Math.Max(1, (int)(width * scale)), Math.Max(1, (int)(height * scale)));
        }

        return fitted;
    }

    /// <summary>
    /// Decodes the first frame into sRGB (an embedded ICC profile is applied here and goes no further). JPEG and WebP
    /// decode straight to a smaller size when that is still at least the target size (a 48-megapixel photo costs
    /// 12 MB of memory rather than 190 MB).
    /// </summary>
    private static bool TryDecode(SKCodec codec, int targetWidth, int targetHeight, [NotNullWhen(true)] out SKBitmap? decoded, [NotNullWhen(false)] out string? problem)
    {
        var size = new SKSizeI(codec.Info.Width, codec.Info.Height);
        if (targetWidth < size.Width)
        {
            var scaled = codec.GetScaledDimensions(Math.Min(1f, (float)targetWidth / size.Width * 1.01f));
            if (scaled.Width >= targetWidth && scaled.Height >= targetHeight && scaled.Width < size.Width)
            {
                size = scaled;
            }
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        decoded = null;
        var bitmap = Allocate(info);
        if (bitmap is null)
        {
            problem = "there is not enough memory to read an image this large";
            return false;
        }

        var result = codec.GetPixels(info, bitmap.GetPixels(), new SKCodecOptions(SKZeroInitialized.Yes));
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            problem = Describe(result);
            return false;
        }

        bitmap.SetImmutable();
        decoded = bitmap;
        problem = null;
        return true;
    }

    /// <summary>
    /// Draws <paramref name="source"/> at <paramref name="width"/> × <paramref name="height"/> (stored orientation) and
    /// turned upright, in one resampling: mipmaps for large reductions, Mitchell's cubic for small ones, and none at all
    /// when only the orientation changes.
    /// </summary>
    private static SKBitmap Draw(SKBitmap source, int width, int height, SKEncodedOrigin origin, SKColor? background)
    {
        var (uprightWidth, uprightHeight) = ImageOrientation.SwapsAxes(origin) ? (height, width) : (width, height);
        var target = Allocate(new SKImageInfo(uprightWidth, uprightHeight, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb()))
            ?? throw new InsufficientMemoryException("there is not enough memory to resize the image");
        using var canvas = new SKCanvas(target);
        canvas.Clear(background ?? SKColors.Transparent);
        canvas.SetMatrix(ImageOrientation.ToUpright(origin, width, height));
        var reduction = Math.Min((double)width / source.Width, (double)height / source.Height);
        var sampling = width == source.Width && height == source.Height
            ? new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None)
            : reduction < 0.5
                ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                : new SKSamplingOptions(SKCubicResampler.Mitchell);
        canvas.DrawBitmap(source, SKRect.Create(width, height), sampling, null);
        canvas.Flush();
        return target;
    }

    private static SKBitmap? Allocate(SKImageInfo info)
    {
        var bitmap = new SKBitmap();
        if (bitmap.TryAllocPixels(info))
        {
            return bitmap;
        }

        bitmap.Dispose();
        return null;
    }

    private static bool HasTransparentPixel(SKBitmap bitmap)
    {
        // RGBA, 8 bits each: every fourth byte is alpha.
        var pixels = bitmap.GetPixelSpan();
        for (var alpha = 3; alpha < pixels.Length; alpha += 4)
        {
            if (pixels[alpha] != byte.MaxValue)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// JPEG at falling quality, then smaller by the square root of how far it is over (a JPEG's size follows its area),
    /// until it fits; refused when even <see cref="ImageLimits.MinLongEdge"/> pixels do not.
    /// </summary>
    private static ImagePreparationResult EncodeJpegToFit(SKBitmap upright, ImageLimits limits, CancellationToken cancellationToken)
    {
        var current = upright;
        try
        {
            for (var round = 0; round < MaxShrinkRounds; round++)
            {
                var smallest = long.MaxValue;
                foreach (var quality in JpegQualities)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var jpeg = EncodeJpeg(current, quality);
                    if (jpeg.Length <= limits.MaxBytes)
                    {
                        return ImagePreparationResult.Prepared(new PreparedImage(jpeg, JpegMediaType, current.Width, current.Height));
                    }

                    smallest = jpeg.Length;
                    if (jpeg.Length > limits.MaxBytes * 3)
                    {
                        // Quality alone will not close a gap this wide.
                        break;
                    }
                }

                var longEdge = Math.Max(current.Width, current.Height);
                if (longEdge <= ImageLimits.MinLongEdge)
                {
                    break;
                }

                var factor = Math.Clamp(Math.Sqrt((double)limits.MaxBytes / smallest) * 0.95, 0.5, 0.9);
                var newLongEdge = Math.Max(ImageLimits.MinLongEdge, (int)(longEdge * factor));
                var (width, height) = Fit(upright.Width, upright.Height, newLongEdge, null);
                var smaller = Draw(upright, width, height, SKEncodedOrigin.TopLeft, SKColors.White);
                if (!ReferenceEquals(current, upright))
                {
                    current.Dispose();
                }

                current = smaller;
            }
        }
        finally
        {
            if (!ReferenceEquals(current, upright))
            {
                current.Dispose();
            }
        }

        return ImagePreparationResult.Refused(
            ImageRefusalReason.CannotFit,
            string.Create(CultureInfo.InvariantCulture, $"This image cannot be made smaller than the network's limit of {limits.MaxBytes:N0} bytes without becoming unrecognisable."));
    }

    /// <summary>
    /// Encodes the pixels alone: the pixmap says no colour space (they are sRGB already), so no ICC profile is written,
    /// and Skia's encoders write no EXIF or XMP of their own.
    /// </summary>
    private static byte[] EncodeJpeg(SKBitmap bitmap, int quality)
    {
        using var pixmap = new SKPixmap(new SKImageInfo(bitmap.Width, bitmap.Height, bitmap.ColorType, SKAlphaType.Opaque), bitmap.GetPixels(), bitmap.RowBytes);
        using var encoded = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("the JPEG encoder failed");
        return encoded.ToArray();
    }

    private static byte[] EncodePng(SKBitmap bitmap)
    {
        using var pixmap = new SKPixmap(new SKImageInfo(bitmap.Width, bitmap.Height, bitmap.ColorType, bitmap.AlphaType), bitmap.GetPixels(), bitmap.RowBytes);
        using var encoded = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6))
            ?? throw new InvalidOperationException("the PNG encoder failed");
        return encoded.ToArray();
    }

    /// <summary>HEIC/HEIF and AVIF (ISO base media files), which Skia's Linux build does not decode; null for anything else.</summary>
    private static string? ContainerName(ReadOnlySpan<byte> upload)
    {
        if (upload.Length < 12 || !upload[4..8].SequenceEqual("ftyp"u8))
        {
            return null;
        }

        var brand = upload[8..12];
        return brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8) ? "AVIF"
            : brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("hevx"u8)
              || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8) ? "HEIC/HEIF"
            : null;
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "it is cut short; the upload may not have finished",
        SKCodecResult.Unimplemented => "it is not a JPEG, PNG, WebP or GIF image",
        SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput => "it is damaged",
        _ => $"the decoder answered {result}",
    };

    private static ImagePreparationResult NotAnImage(string why) =>
        ImagePreparationResult.Refused(ImageRefusalReason.NotAnImage, $"This file is not an image PressDeck can read ({why}).");

    private ImagePreparationResult FileTooLarge(long? bytes)
    {
        var limit = string.Create(CultureInfo.InvariantCulture, $"{_options.MaxUploadBytes / 1048576.0:0.#} MB");
        // Rounded up, so a file just over the limit never reads as the limit itself.
        var size = bytes is { } known ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(known / 104857.6) / 10:0.#} MB") : null;
        return ImagePreparationResult.Refused(
            ImageRefusalReason.FileTooLarge,
            size is null
                ? $"This file is larger than {limit}, the most PressDeck takes for an image. Export a smaller copy and upload that."
                : $"This file is {size}; PressDeck takes images of up to {limit}. Export a smaller copy and upload that.");
    }
}
