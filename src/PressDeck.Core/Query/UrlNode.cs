namespace PressDeck.Core.Query;

/// <summary>
/// <c>url:host</c> or <c>url:host/path</c>: the post links to <see cref="Host"/> or a subdomain of it, at a path
/// starting with <see cref="PathPrefix"/> (<c>""</c> for any path). Both lower case, as <see cref="Text.LinkTarget"/>.
/// </summary>
public sealed record UrlNode(string Host, string PathPrefix) : ClauseNode;
