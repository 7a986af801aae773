namespace PressDeck.Core.Query;

/// <summary>
/// A pasted <c>https://…</c> term: the post links to that page, same <see cref="Host"/> and <see cref="Path"/>
/// (scheme, <c>www.</c>, query and fragment ignored; normalised as <see cref="Text.LinkTarget"/>).
/// </summary>
public sealed record LinkPageNode(string Host, string Path) : ClauseNode;
