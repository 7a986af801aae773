using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Demo;
using PressDeck.Storage;

namespace PressDeck.Publishing;

/// <summary>
/// The demo network's media server: images published to it are kept in the data folder's <c>demo-media</c> directory,
/// named by their SHA-256, and served at <c>/demo-media/uploads/{name}</c>.
/// </summary>
public sealed class DemoUploadStore(IOptions<StorageOptions> storage) : IDemoMediaStore
{
    public const string UrlPrefix = DemoMedia.UrlPrefix + "uploads/";

    public string Folder => Path.Combine(Path.GetFullPath(storage.Value.DataFolder), "demo-media");

    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken)
    {
        var extension = ExtensionFor(mediaType) ?? throw new ArgumentException($"The demo network does not take {mediaType} files.", nameof(mediaType));
        var name = Convert.ToHexStringLower(SHA256.HashData(content.Span)) + extension;
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
        {
            // Written under a temporary name and moved, so a half-written file is never served.
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        return UrlPrefix + name;
    }

    /// <summary>The file behind an address this store gave, or null for any other name (no paths, no other types).</summary>
    public string? PathOf(string name)
    {
        var extension = Path.GetExtension(name);
        var stem = Path.GetFileNameWithoutExtension(name);
        return stem.Length == 64 && stem.All(char.IsAsciiHexDigitLower) && extension is ".jpg" or ".png" or ".webp" or ".gif"
            ? Path.Combine(Folder, name)
            : null;
    }

    public static string? ExtensionFor(string mediaType) => mediaType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        _ => null,
    };

    public static string ContentTypeFor(string path) => Path.GetExtension(path) switch
    {
        ".jpg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "image/gif",
    };
}
