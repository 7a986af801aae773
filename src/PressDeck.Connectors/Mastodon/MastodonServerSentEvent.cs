namespace PressDeck.Connectors.Mastodon;

/// <summary>One server-sent event: its name, its data (null when it had none), the line it began on, and why it is refused, if it is.</summary>
public sealed record MastodonServerSentEvent(string Name, string? Data, long Line, string? RefusedBecause);
