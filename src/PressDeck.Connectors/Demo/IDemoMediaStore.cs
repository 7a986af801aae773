namespace PressDeck.Connectors.Demo;

/// <summary>
/// Where the demo network keeps the images published to it, as a real network keeps uploads on its media servers: the
/// web host stores them and serves them under <see cref="DemoMedia.UrlPrefix"/>.
/// </summary>
public interface IDemoMediaStore
{
    /// <summary>Stores an uploaded image and returns the address it is served at (under <see cref="DemoMedia.UrlPrefix"/>).</summary>
    Task<string> SaveAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken);
}
