namespace PressDeck.Core.Query;

/// <summary><c>word</c>: the normalised word token occurs in the post (hashtag bodies included, mentions and links not).</summary>
public sealed record WordNode(string Word) : ClauseNode;
