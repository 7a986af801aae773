using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.Mastodon;

/// <summary>How a Mastodon stream is followed (protocols.md 2.8) and how its gaps are filled.</summary>
public sealed class MastodonStreamOptions
{
    public const string Section = "Mastodon:Streaming";

    /// <summary>
    /// The streaming host when it is not the server itself (<c>configuration.urls.streaming</c> of
    /// <c>/api/v2/instance</c>, e.g. <c>wss://streaming.mastodon.social</c>); null means the server's own address.
    /// </summary>
    public Uri? StreamingUrl { get; set; }

    public MastodonTransport Transport { get; set; } = MastodonTransport.WebSocket;

    /// <summary>
    /// A connection that shows no sign of life for this long is dead. Server-sent events carry a <c>:thump</c> comment
    /// every 15 s; over WebSocket the client pings at a third of this and gives up when no pong comes in time.
    /// Also the limit for connecting.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>The first wait before reconnecting; it doubles after each failed attempt, up to <see cref="MaximumBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaximumBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After every (re)connection with a known last status, fetch what the stream missed from the matching REST
    /// timeline (<c>min_id</c> = the last status id seen), at most this many pages of 40; 0 turns gap filling off.
    /// </summary>
    [Range(0, 50)]
    public int MaxGapPages { get; set; } = 5;
}
