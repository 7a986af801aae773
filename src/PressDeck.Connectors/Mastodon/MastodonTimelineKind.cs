namespace PressDeck.Connectors.Mastodon;

/// <summary>The streams PressDeck follows (protocols.md 2.8), each with a REST timeline that fills its gaps.</summary>
public enum MastodonTimelineKind
{
    /// <summary>Every public post the server knows (<c>public</c>, or <c>public:local</c> with <see cref="MastodonTimeline.LocalOnly"/>).</summary>
    Public,

    /// <summary>Posts with one hashtag (<c>hashtag</c> / <c>hashtag:local</c>).</summary>
    Hashtag,

    /// <summary>Posts of the accounts on one of the token owner's lists (<c>list</c>).</summary>
    List,

    /// <summary>The token owner's home timeline and notifications (<c>user</c>).</summary>
    User,
}
