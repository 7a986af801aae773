using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Bluesky;

/// <summary>One Jetstream v1 event (protocols.md 1.12). <see cref="TimeUs"/> is the resume cursor.</summary>
public abstract record JetstreamEvent(string Did, long TimeUs);

/// <summary>A post created, or replaced by an update (which carries the whole new record).</summary>
public sealed record JetstreamPostEvent(string Did, long TimeUs, Post Post, bool IsUpdate) : JetstreamEvent(Did, TimeUs);

/// <summary>
/// A repost. Jetstream sends only the reposted post's URI: <see cref="Post"/> has the repost's author and the original's
/// author, and its text is empty until the original is fetched (<see cref="Subject"/>).
/// </summary>
public sealed record JetstreamRepostEvent(string Did, long TimeUs, Post Post, AtUri Subject) : JetstreamEvent(Did, TimeUs);

/// <summary>A post or repost deleted; <see cref="Uri"/> is its AT-URI, the post's remote id.</summary>
public sealed record JetstreamDeleteEvent(string Did, long TimeUs, AtUri Uri) : JetstreamEvent(Did, TimeUs);

/// <summary>An account's identity changed; <see cref="Handle"/> is the new handle when the event carries it.</summary>
public sealed record JetstreamIdentityEvent(string Did, long TimeUs, string? Handle) : JetstreamEvent(Did, TimeUs);

/// <summary>An account was (de)activated; <see cref="Status"/> says why when it is not active.</summary>
public sealed record JetstreamAccountEvent(string Did, long TimeUs, bool Active, string? Status) : JetstreamEvent(Did, TimeUs);

/// <summary>An event PressDeck does not monitor (likes, follows, profiles, other applications' records).</summary>
public sealed record JetstreamOtherEvent(string Did, long TimeUs, string What) : JetstreamEvent(Did, TimeUs);
