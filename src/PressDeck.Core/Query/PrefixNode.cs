namespace PressDeck.Core.Query;

/// <summary><c>pref*</c>: some word token starts with <see cref="Prefix"/> (one normalised token of at least 3 characters).</summary>
public sealed record PrefixNode(string Prefix) : ClauseNode;
