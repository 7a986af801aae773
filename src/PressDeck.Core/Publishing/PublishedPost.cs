namespace PressDeck.Core.Publishing;

/// <summary>What the network answered for a published post: its id (as the archive keys it) and its public address.</summary>
public sealed record PublishedPost(string RemoteId, string? Url, DateTime PublishedAt);
