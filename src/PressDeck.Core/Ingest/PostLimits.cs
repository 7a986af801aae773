namespace PressDeck.Core.Ingest;

/// <summary>
/// Size limits every post must fit before it enters the pipeline. The longest real posts (feed summaries, long
/// Mastodon servers) stay well inside them; anything bigger is hostile or broken and is truncated.
/// </summary>
public static class PostLimits
{
    public const int MaxTextLength = 20_000;

    public const int MaxHandleLength = 300;

    public const int MaxDisplayNameLength = 300;

    public const int MaxRemoteIdLength = 500;

    public const int MaxUrlLength = 2_000;

    public const int MaxEntities = 100;

    /// <summary>Largest raw payload (one event, one line) a source may hand in.</summary>
    public const int MaxPayloadBytes = 1_000_000;
}
