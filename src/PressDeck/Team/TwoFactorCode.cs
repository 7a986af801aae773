using System.Globalization;
using System.Text;
using QRCoder;

namespace PressDeck.Team;

/// <summary>How authenticator codes and keys are typed and shown: codes without spaces, keys in groups of four, the otpauth link and its QR code.</summary>
public static class TwoFactorCode
{
    public const string Issuer = "PressDeck";

    public static string Normalise(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    public static bool LooksLikeCode(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    /// <summary>"abcd efgh ijkl …": easier to type from a screen, and authenticator apps ignore the spaces.</summary>
    public static string Grouped(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var grouped = new StringBuilder();
        for (var start = 0; start < key.Length; start += 4)
        {
            if (start > 0)
            {
                grouped.Append(' ');
            }

            grouped.Append(key.AsSpan(start, Math.Min(4, key.Length - start)));
        }

        return grouped.ToString().ToLowerInvariant();
    }

    /// <summary>The key-URI format authenticator apps read (github.com/google/google-authenticator/wiki/Key-Uri-Format).</summary>
    public static string AuthenticatorUri(string account, string key) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={Uri.EscapeDataString(key)}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");

    /// <summary>The QR code as an SVG image in a data: address, which the page's Content-Security-Policy allows for images.</summary>
    public static string QrCodeDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
