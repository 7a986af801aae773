namespace PressDeck.Core.Query;

/// <summary><c>list:name</c>: the author is a member of the PressDeck list <see cref="Name"/> (lower case; lists compare case-insensitively).</summary>
public sealed record ListNode(string Name) : ClauseNode;
