namespace PressDeck.Connectors.Bluesky;

/// <summary>What PressDeck shows of a Bluesky account: from <c>profileViewBasic</c> / <c>profileViewDetailed</c>.</summary>
public sealed record BlueskyProfile(string Did, string Handle, string? DisplayName, string? AvatarUrl);
