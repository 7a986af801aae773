using System.Buffers.Binary;
using System.Text;

namespace PressDeck.Connectors.Tests.Media;

/// <summary>
/// Writes a minimal big-endian TIFF/EXIF block (TIFF 6.0, EXIF 2.32) the way a phone does: IFD0 with the camera's make
/// and the orientation, pointing to an EXIF sub-IFD (when the photo was taken) and a GPS IFD (where).
/// </summary>
internal static class ExifBlock
{
    public const string CameraMake = "PressDeckTestCam";

    private const ushort Byte = 1;
    private const ushort Ascii = 2;
    private const ushort Short = 3;
    private const ushort Long = 4;
    private const ushort Rational = 5;

    /// <summary>The TIFF block alone (what a PNG <c>eXIf</c> or WebP <c>EXIF</c> chunk holds).</summary>
    public static byte[] Tiff(int orientation)
    {
        var gps = new Ifd(
        [
            new(0x0000, Byte, 4, [2, 3, 0, 0]),
            Text(0x0001, "N"),
            Rationals(0x0002, (51, 1), (30, 1), (1234, 100)),
            Text(0x0003, "W"),
            Rationals(0x0004, (0, 1), (7, 1), (3012, 100)),
        ]);
        var exif = new Ifd([Text(0x9003, "2026:11:25 10:00:00")]);
        var ifd0 = new Ifd(
        [
            Text(0x010F, CameraMake),
            new(0x0112, Short, 1, [(byte)(orientation >> 8), (byte)orientation]),
            new(0x8769, Long, 1, [], exif),
            new(0x8825, Long, 1, [], gps),
        ]);

        using var tiff = new MemoryStream();
        tiff.Write("MM\0*"u8);
        WriteUInt32(tiff, 8);
        Write(tiff, ifd0);
        return tiff.ToArray();
    }

    /// <summary>The APP1 segment of a JPEG: <c>FF E1</c>, length, <c>Exif\0\0</c> and the TIFF block.</summary>
    public static byte[] App1Segment(int orientation)
    {
        var payload = "Exif\0\0"u8.ToArray().Concat(Tiff(orientation)).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), checked((ushort)(payload.Length + 2)));
        payload.CopyTo(segment, 4);
        return segment;
    }

    /// <summary>The JPEG with the EXIF segment right after its start-of-image marker, where cameras put it.</summary>
    public static byte[] InsertInto(byte[] jpeg, int orientation) =>
        [.. jpeg[..2], .. App1Segment(orientation), .. jpeg[2..]];

    private static Entry Text(ushort tag, string value) =>
        new(tag, Ascii, (uint)value.Length + 1, [.. Encoding.ASCII.GetBytes(value), 0]);

    private static Entry Rationals(ushort tag, params (uint Numerator, uint Denominator)[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 8), values[i].Numerator);
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan((i * 8) + 4), values[i].Denominator);
        }

        return new(tag, Rational, (uint)values.Length, bytes);
    }

    /// <summary>Writes an IFD where the stream is, then the values that do not fit in their entries, then the IFDs it points to.</summary>
    private static void Write(MemoryStream tiff, Ifd ifd)
    {
        var start = tiff.Position;
        WriteUInt16(tiff, (ushort)ifd.Entries.Length);
        foreach (var entry in ifd.Entries)
        {
            WriteUInt16(tiff, entry.Tag);
            WriteUInt16(tiff, entry.Type);
            WriteUInt32(tiff, entry.Count);
            var inline = new byte[4];
            entry.Value.AsSpan(0, Math.Min(4, entry.Value.Length)).CopyTo(inline);
            tiff.Write(inline);
        }

        WriteUInt32(tiff, 0);
        for (var i = 0; i < ifd.Entries.Length; i++)
        {
            var entry = ifd.Entries[i];
            if (entry.Child is null && entry.Value.Length <= 4)
            {
                continue;
            }

            var at = (uint)tiff.Length;
            tiff.Position = start + 2 + (i * 12) + 8;
            WriteUInt32(tiff, at);
            tiff.Position = at;
            if (entry.Child is { } child)
            {
                Write(tiff, child);
            }
            else
            {
                tiff.Write(entry.Value);
                if (entry.Value.Length % 2 == 1)
                {
                    tiff.WriteByte(0);
                }
            }
        }
    }

    private static void WriteUInt16(MemoryStream tiff, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        tiff.Write(bytes);
    }

    private static void WriteUInt32(MemoryStream tiff, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        tiff.Write(bytes);
    }

    private sealed record Entry(ushort Tag, ushort Type, uint Count, byte[] Value, Ifd? Child = null);

    private sealed record Ifd(Entry[] Entries);
}
