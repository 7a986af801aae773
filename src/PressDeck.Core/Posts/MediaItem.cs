namespace PressDeck.Core.Posts;

/// <summary>An image, video or GIF attached to a post. <paramref name="AltText"/> is the description the author gave.</summary>
public sealed record MediaItem(MediaType Type, string Url, string? AltText);
