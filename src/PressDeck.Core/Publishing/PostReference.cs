namespace PressDeck.Core.Publishing;

/// <summary>
/// A post on the same network that an outgoing post replies to or quotes: its remote id as the archive keeps it
/// (Bluesky <c>at://</c> URI, Mastodon status URI, X tweet id). The publisher looks up whatever else the network needs
/// (a Bluesky post's CID and its thread's root).
/// </summary>
public sealed record PostReference(string RemoteId);
