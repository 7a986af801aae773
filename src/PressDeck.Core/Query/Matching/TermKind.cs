namespace PressDeck.Core.Query.Matching;

/// <summary>
/// What a presearch term is about. Terms of different kinds never match each other: the word <c>budget</c> and the
/// hashtag <c>#budget</c> are different terms.
/// </summary>
internal enum TermKind
{
    /// <summary>A word token (hashtag bodies included, as the analyser puts them in the tokens).</summary>
    Word,

    /// <summary>
    /// Two consecutive word tokens, joined by <see cref="Term.BigramSeparator"/>: what a phrase requires beyond its
    /// words, so that a phrase of two common words is not a candidate for every post holding both somewhere.
    /// </summary>
    Bigram,

    /// <summary>The first <see cref="Term.PrefixBucketLength"/> UTF-16 units of a prefix, and of every token of a post.</summary>
    PrefixBucket,

    Hashtag,

    Mention,

    /// <summary>The author's handle (<c>from:</c>).</summary>
    Author,

    /// <summary>The handle a reply answers (<c>to:</c>).</summary>
    ReplyTo,

    /// <summary>A link's host; a post also yields every parent domain of each link's host (<c>url:</c> covers subdomains).</summary>
    Host,

    Language,

    /// <summary><see cref="Term.Code"/> is the <see cref="Posts.Network"/>.</summary>
    Network,

    /// <summary><see cref="Term.Code"/> is the <see cref="PostFlag"/>.</summary>
    Flag,
}
