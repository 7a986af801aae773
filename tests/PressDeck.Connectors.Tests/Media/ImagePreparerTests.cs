using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Xmp;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Media;
using PressDeck.Core.Posts;
using SkiaSharp;
using static PressDeck.Connectors.Tests.Media.TestImages;

namespace PressDeck.Connectors.Tests.Media;

[Trait("Issue", "6")]
public sealed class ImagePreparerTests
{
    private const int UprightWidth = 240;
    private const int UprightHeight = 160;

    private static readonly ImagePreparer Preparer = new(Options.Create(new ImagePreparerOptions()));

    /// <summary>
    /// Each EXIF orientation, with the stored image that shows, once turned as the tag says, red top left, green top
    /// right, blue bottom left and yellow bottom right. Derived from the tag's definition (TIFF 6.0, tag 274: "the 0th
    /// row represents the visual … side, the 0th column the visual … side"), not from the code under test.
    /// </summary>
    public static TheoryData<int, string> Orientations => new()
    {
        { 1, "red green blue yellow" },
        { 2, "green red yellow blue" },
        { 3, "yellow blue green red" },
        { 4, "blue yellow red green" },
        { 5, "red blue green yellow" },
        { 6, "green yellow red blue" },
        { 7, "yellow green blue red" },
        { 8, "blue red yellow green" },
    };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Each_exif_orientation_comes_out_upright(int orientation, string storedQuarters)
    {
        var colours = storedQuarters.Split(' ').Select(Colour).ToArray();
        var turnsAQuarter = orientation >= 5;
        using var stored = Quarters(turnsAQuarter ? UprightHeight : UprightWidth, turnsAQuarter ? UprightWidth : UprightHeight, colours[0], colours[1], colours[2], colours[3]);
        var upload = ExifBlock.InsertInto(Jpeg(stored), orientation);

        var result = Preparer.Prepare(upload, ImageLimits.Bluesky, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        Assert.Equal((UprightWidth, UprightHeight), (result.Image.Width, result.Image.Height));
        AssertUpright(result.Image.Content);
    }

    [Fact]
    public void A_webp_with_an_exif_orientation_comes_out_upright()
    {
        using var stored = Quarters(UprightHeight, UprightWidth, Green, Yellow, Red, Blue);
        using var data = stored.Encode(SKEncodedImageFormat.Webp, 95);
        var upload = WebpWithExif(data.ToArray(), UprightHeight, UprightWidth, orientation: 6);

        var result = Preparer.Prepare(upload, ImageLimits.Mastodon, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        Assert.Equal(ImagePreparer.JpegMediaType, result.Image.MediaType);
        Assert.Equal((UprightWidth, UprightHeight), (result.Image.Width, result.Image.Height));
        AssertUpright(result.Image.Content);
    }

    [Fact]
    public void Gps_exif_and_colour_profile_are_gone_from_the_prepared_image()
    {
        using var photo = Gradient(800, 600);
        var displayP3 = photo.Info.WithColorSpace(SKColorSpace.CreateRgb(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3));
        using var wideGamut = new SKPixmap(displayP3, photo.GetPixels(), photo.RowBytes);
        using var encoded = wideGamut.Encode(new SKJpegEncoderOptions(95)) ?? throw new InvalidOperationException("Skia did not encode the test photo.");
        var upload = ExifBlock.InsertInto(encoded.ToArray(), orientation: 6);
        var before = ImageMetadataReader.ReadMetadata(new MemoryStream(upload));
        Assert.NotEmpty(before.OfType<GpsDirectory>());
        Assert.NotEmpty(before.OfType<IccDirectory>());

        var result = Preparer.Prepare(upload, ImageLimits.X, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        var after = ImageMetadataReader.ReadMetadata(new MemoryStream(result.Image.Content.ToArray()));
        Assert.Empty(after.OfType<GpsDirectory>());
        Assert.Empty(after.OfType<ExifDirectoryBase>());
        Assert.Empty(after.OfType<XmpDirectory>());
        Assert.Empty(after.OfType<IccDirectory>());
        Assert.DoesNotContain(after.SelectMany(directory => directory.Tags), tag => tag.Description?.Contains(ExifBlock.CameraMake, StringComparison.Ordinal) == true);
        Assert.Equal(-1, result.Image.Content.Span.IndexOf("Exif\0\0"u8));
    }

    [Fact]
    public void An_oversized_photo_is_scaled_to_the_long_edge_keeping_its_aspect_ratio()
    {
        using var photo = Gradient(3000, 2000);

        var result = Preparer.Prepare(Jpeg(photo), ImageLimits.Bluesky, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        Assert.Equal((2000, 1333), (result.Image.Width, result.Image.Height));
        using var decoded = Decode(result.Image.Content);
        Assert.Equal((2000, 1333), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void A_turned_photo_is_scaled_by_its_upright_long_edge()
    {
        using var stored = Gradient(2000, 3000);
        var upload = ExifBlock.InsertInto(Jpeg(stored), orientation: 8);

        var result = Preparer.Prepare(upload, ImageLimits.Bluesky, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        Assert.Equal((2000, 1333), (result.Image.Width, result.Image.Height));
    }

    [Fact]
    public void Mastodon_gets_no_more_pixels_than_it_keeps()
    {
        using var photo = Gradient(4000, 3000);

        var result = Preparer.Prepare(Jpeg(photo, 80), ImageLimits.Mastodon, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        Assert.InRange((long)result.Image.Width * result.Image.Height, 8_200_000, 3840 * 2160);
        Assert.Equal(4.0 / 3.0, (double)result.Image.Width / result.Image.Height, 0.002);
    }

    [Fact]
    public void A_noisy_large_photo_comes_out_under_the_byte_limit()
    {
        using var noise = Noise(2400, 1600, seed: 6);
        var upload = Jpeg(noise, 92);
        Assert.True(upload.Length > 3 * ImageLimits.Bluesky.MaxBytes);

        var result = Preparer.Prepare(upload, ImageLimits.Bluesky, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        Assert.Equal(ImagePreparer.JpegMediaType, result.Image.MediaType);
        Assert.InRange(result.Image.Content.Length, 1, ImageLimits.Bluesky.MaxBytes);
        Assert.InRange(result.Image.Width, ImageLimits.MinLongEdge, 2000);
        Assert.Equal(1.5, (double)result.Image.Width / result.Image.Height, 0.01);
    }

    [Fact]
    public void A_small_image_is_not_enlarged()
    {
        using var small = Gradient(200, 100);

        var result = Preparer.Prepare(Jpeg(small), ImageLimits.X, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        Assert.Equal((200, 100), (result.Image.Width, result.Image.Height));
    }

    [Fact]
    public void A_png_with_transparency_stays_a_transparent_png()
    {
        using var logo = new SKBitmap(new SKImageInfo(300, 200, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(logo))
        using (var paint = new SKPaint { Color = Red, IsAntialias = true })
        {
            canvas.Clear(SKColors.Transparent);
            canvas.DrawCircle(150, 100, 60, paint);
        }

        var result = Preparer.Prepare(Png(logo), ImageLimits.Bluesky, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        Assert.Equal(ImagePreparer.PngMediaType, result.Image.MediaType);
        using var decoded = Decode(result.Image.Content);
        Assert.Equal(0, decoded.GetPixel(5, 5).Alpha);
        Assert.Equal(Red, decoded.GetPixel(150, 100));
    }

    [Fact]
    public void A_gif_becomes_a_png_of_its_first_frame()
    {
        // The classic 1×1 transparent GIF89a.
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

        var result = Preparer.Prepare(gif, ImageLimits.X, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        Assert.Equal((ImagePreparer.PngMediaType, 1, 1), (result.Image.MediaType, result.Image.Width, result.Image.Height));
    }

    [Fact]
    public void A_truncated_jpeg_is_refused_with_a_clear_message()
    {
        using var photo = Noise(400, 300, seed: 7);
        var jpeg = Jpeg(photo);

        var result = Preparer.Prepare(jpeg.AsSpan(0, jpeg.Length / 2), ImageLimits.X, TestContext.Current.CancellationToken);

        Assert.False(result.IsPrepared);
        Assert.Equal(ImageRefusalReason.NotAnImage, result.Refusal);
        Assert.Equal("This file is not an image PressDeck can read (it is cut short; the upload may not have finished).", result.Problem);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5000)]
    [InlineData(200_000)]
    public void Random_bytes_are_refused_with_a_clear_message(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 7919) ^ (i >> 3));
        }

        var result = Preparer.Prepare(bytes, ImageLimits.X, TestContext.Current.CancellationToken);

        Assert.False(result.IsPrepared);
        Assert.Equal(ImageRefusalReason.NotAnImage, result.Refusal);
        Assert.StartsWith("This file is not an image PressDeck can read (", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var result = Preparer.Prepare([], ImageLimits.X, TestContext.Current.CancellationToken);

        Assert.Equal("This file is not an image PressDeck can read (the file is empty).", result.Problem);
    }

    [Fact]
    public void A_png_header_claiming_100000_by_100000_pixels_is_refused_before_decoding()
    {
        var bomb = PngHeaderOnly(100_000, 100_000);

        var result = Preparer.Prepare(bomb, ImageLimits.Mastodon, TestContext.Current.CancellationToken);

        Assert.False(result.IsPrepared);
        Assert.Equal(ImageRefusalReason.TooManyPixels, result.Refusal);
        Assert.Equal("This image declares 100,000 × 100,000 pixels (10,000 megapixels); PressDeck reads images of up to 100 megapixels. Export a smaller copy and upload that.", result.Problem);
    }

    [Fact]
    public void The_same_header_within_the_pixel_limit_is_decoded_and_found_damaged()
    {
        var result = Preparer.Prepare(PngHeaderOnly(1000, 1000), ImageLimits.Mastodon, TestContext.Current.CancellationToken);

        Assert.Equal(ImageRefusalReason.NotAnImage, result.Refusal);
    }

    [Fact]
    public void An_upload_over_the_size_limit_is_refused_without_being_read()
    {
        var preparer = new ImagePreparer(Options.Create(new ImagePreparerOptions { MaxUploadBytes = 10 * 1024 * 1024 }));
        var upload = new byte[(10 * 1024 * 1024) + 1];

        var result = preparer.Prepare(upload, ImageLimits.X, TestContext.Current.CancellationToken);

        Assert.Equal(ImageRefusalReason.FileTooLarge, result.Refusal);
        Assert.Equal("This file is 10.1 MB; PressDeck takes images of up to 10 MB. Export a smaller copy and upload that.", result.Problem);
    }

    [Fact]
    public async Task A_stream_is_read_only_up_to_the_size_limit()
    {
        var preparer = new ImagePreparer(Options.Create(new ImagePreparerOptions { MaxUploadBytes = 64 * 1024 }));
        var endless = new EndlessStream();

        var result = await preparer.PrepareAsync(endless, ImageLimits.X, TestContext.Current.CancellationToken);

        Assert.Equal(ImageRefusalReason.FileTooLarge, result.Refusal);
        Assert.Equal("This file is larger than 0.1 MB, the most PressDeck takes for an image. Export a smaller copy and upload that.", result.Problem);
        Assert.InRange(endless.BytesRead, 64 * 1024, 200 * 1024);
    }

    [Fact]
    public async Task A_stream_within_the_limit_is_prepared()
    {
        using var photo = Gradient(640, 480);
        using var upload = new MemoryStream(Jpeg(photo));

        var result = await Preparer.PrepareAsync(upload, ImageLimits.Bluesky, TestContext.Current.CancellationToken);

        Assert.True(result.IsPrepared, result.Problem);
        Assert.Equal((640, 480), (result.Image.Width, result.Image.Height));
    }

    [Theory]
    [InlineData("heic", "HEIC/HEIF")]
    [InlineData("mif1", "HEIC/HEIF")]
    [InlineData("avif", "AVIF")]
    public void A_heic_or_avif_photo_is_refused_with_advice(string brand, string name)
    {
        byte[] upload = [0, 0, 0, 24, .. "ftyp"u8, .. brand.Select(c => (byte)c), 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[64]];

        var result = Preparer.Prepare(upload, ImageLimits.X, TestContext.Current.CancellationToken);

        Assert.Equal(ImageRefusalReason.UnsupportedFormat, result.Refusal);
        Assert.StartsWith($"PressDeck cannot read {name} images yet. Save or export the photo as JPEG", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_images_are_prepared_at_once_by_one_preparer()
    {
        var uploads = Enumerable.Range(0, 8).Select(index =>
        {
            using var photo = Gradient(300 + index, 200);
            return ExifBlock.InsertInto(Jpeg(photo), (index % 8) + 1);
        }).ToArray();

        var results = uploads.AsParallel().Select(upload => Preparer.Prepare(upload, ImageLimits.Bluesky, TestContext.Current.CancellationToken)).ToArray();

        Assert.All(results, result => Assert.True(result.IsPrepared, result.Problem));
    }

    [Fact]
    public void An_outgoing_image_needs_alt_text()
    {
        var image = new PreparedImage(new byte[] { 1, 2, 3 }, ImagePreparer.JpegMediaType, 10, 20);

        Assert.Throws<ArgumentException>(() => image.ToOutgoingImage("  "));
        Assert.Throws<ArgumentException>(() => image.ToOutgoingImage(""));
        var outgoing = image.ToOutgoingImage(" The minister at the lectern. ");
        Assert.Equal(("The minister at the lectern.", "image/jpeg", 10, 20), (outgoing.AltText, outgoing.MediaType, outgoing.Width, outgoing.Height));
    }

    [Fact]
    public void Each_network_has_its_published_limits()
    {
        Assert.Equal(1_000_000, ImageLimits.For(Network.Bluesky).MaxBytes);
        Assert.Equal(16 * 1024 * 1024, ImageLimits.For(Network.Mastodon).MaxBytes);
        Assert.Equal(5_000_000, ImageLimits.For(Network.X).MaxBytes);
        Assert.Same(ImageLimits.Demo, ImageLimits.For(Network.Demo));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageLimits.For(Network.Rss));
    }

    private static SKColor Colour(string name) => name switch
    {
        "red" => Red,
        "green" => Green,
        "blue" => Blue,
        "yellow" => Yellow,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Red top left, green top right, blue bottom left, yellow bottom right, sampled away from the edges JPEG blurs.</summary>
    private static void AssertUpright(ReadOnlyMemory<byte> image)
    {
        using var decoded = Decode(image);
        const int Inset = 20;
        AssertColour(Red, decoded.GetPixel(Inset, Inset), "top left");
        AssertColour(Green, decoded.GetPixel(decoded.Width - Inset, Inset), "top right");
        AssertColour(Blue, decoded.GetPixel(Inset, decoded.Height - Inset), "bottom left");
        AssertColour(Yellow, decoded.GetPixel(decoded.Width - Inset, decoded.Height - Inset), "bottom right");
    }

    private static void AssertColour(SKColor expected, SKColor actual, string where)
    {
        var distance = Math.Abs(expected.Red - actual.Red) + Math.Abs(expected.Green - actual.Green) + Math.Abs(expected.Blue - actual.Blue);
        Assert.True(distance < 40, $"{where}: expected {expected}, found {actual}");
    }

    /// <summary>An extended WebP (VP8X) with an EXIF chunk: how phones that save WebP record the orientation.</summary>
    private static byte[] WebpWithExif(byte[] simpleWebp, int width, int height, int orientation)
    {
        // A simple WebP is "RIFF" size "WEBP" and one "VP8 " chunk; keep that chunk and add VP8X before and EXIF after.
        var features = new byte[10];
        features[0] = 0x08;
        WriteUInt24(features.AsSpan(4), width - 1);
        WriteUInt24(features.AsSpan(7), height - 1);
        using var body = new MemoryStream();
        body.Write("WEBP"u8);
        WriteRiffChunk(body, "VP8X", features);
        body.Write(simpleWebp.AsSpan(12));
        WriteRiffChunk(body, "EXIF", ExifBlock.Tiff(orientation));
        using var file = new MemoryStream();
        file.Write("RIFF"u8);
        file.Write(BitConverter.GetBytes((uint)body.Length));
        body.WriteTo(file);
        return file.ToArray();

        static void WriteUInt24(Span<byte> target, int value)
        {
            target[0] = (byte)value;
            target[1] = (byte)(value >> 8);
            target[2] = (byte)(value >> 16);
        }

        static void WriteRiffChunk(MemoryStream target, string type, byte[] data)
        {
            target.Write([.. type.Select(c => (byte)c)]);
            target.Write(BitConverter.GetBytes((uint)data.Length));
            target.Write(data);
            if (data.Length % 2 == 1)
            {
                target.WriteByte(0);
            }
        }
    }

    /// <summary>An upload that never ends, counting what was read from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0xFF, offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
