namespace PressDeck.Connectors.Mastodon;

/// <summary>How <see cref="MastodonLiveReader"/> is following its timeline now.</summary>
public enum MastodonLiveMode
{
    Streaming,

    /// <summary>The server offers no streaming; its REST timeline is polled.</summary>
    Polling,
}
