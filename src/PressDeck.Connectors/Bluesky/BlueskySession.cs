namespace PressDeck.Connectors.Bluesky;

/// <summary>A signed-in Bluesky account (protocols.md 1.3): who it is, and the tokens for further calls.</summary>
public sealed record BlueskySession(string Did, string Handle, string AccessJwt, string RefreshJwt, bool IsActive, string? Status);
