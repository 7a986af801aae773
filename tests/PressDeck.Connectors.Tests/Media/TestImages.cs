using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace PressDeck.Connectors.Tests.Media;

/// <summary>Images drawn by the tests themselves, so no binary fixture is needed.</summary>
internal static class TestImages
{
    public static readonly SKColor Red = new(220, 30, 30);
    public static readonly SKColor Green = new(30, 190, 60);
    public static readonly SKColor Blue = new(30, 60, 220);
    public static readonly SKColor Yellow = new(240, 220, 40);

    /// <summary>Four quarters of four colours: turned or mirrored, it is never the same picture again.</summary>
    public static SKBitmap Quarters(int width, int height, SKColor topLeft, SKColor topRight, SKColor bottomLeft, SKColor bottomRight)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        Fill(canvas, SKRect.Create(0, 0, width / 2f, height / 2f), topLeft);
        Fill(canvas, SKRect.Create(width / 2f, 0, width / 2f, height / 2f), topRight);
        Fill(canvas, SKRect.Create(0, height / 2f, width / 2f, height / 2f), bottomLeft);
        Fill(canvas, SKRect.Create(width / 2f, height / 2f, width / 2f, height / 2f), bottomRight);
        return bitmap;
    }

    /// <summary>A smooth photo-like gradient that compresses well.</summary>
    public static SKBitmap Gradient(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [Blue, Yellow], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader };
        canvas.DrawRect(SKRect.Create(width, height), paint);
        return bitmap;
    }

    /// <summary>Colour noise, the worst case for JPEG: every pixel its own.</summary>
    public static SKBitmap Noise(int width, int height, ulong seed)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var pixels = new byte[width * height * 4];
        var state = seed | 1;
        for (var i = 0; i < pixels.Length; i += 4)
        {
            // xorshift64: enough randomness for pixels.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            pixels[i] = (byte)state;
            pixels[i + 1] = (byte)(state >> 8);
            pixels[i + 2] = (byte)(state >> 16);
            pixels[i + 3] = byte.MaxValue;
        }

        Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        return bitmap;
    }

    public static byte[] Jpeg(SKBitmap bitmap, int quality = 95)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    public static byte[] Png(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static SKBitmap Decode(ReadOnlyMemory<byte> image) =>
        SKBitmap.Decode(image.Span) ?? throw new InvalidDataException("The prepared image does not decode.");

    /// <summary>
    /// A PNG whose header declares <paramref name="width"/> × <paramref name="height"/> RGB pixels, followed by a few
    /// bytes of data that are not even valid zlib: decoding it would fail, so a refusal for its size proves the size was
    /// checked first.
    /// </summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", [0xDE, 0xAD, 0xBE, 0xEF]);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        byte[] typeAndData = [.. type.Select(c => (byte)c), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, as in zlib).</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = uint.MaxValue;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void Fill(SKCanvas canvas, SKRect rect, SKColor colour)
    {
        using var paint = new SKPaint { Color = colour };
        canvas.DrawRect(rect, paint);
    }
}
