namespace PressDeck.Connectors.X;

/// <summary>An X account as <c>users/me</c> and <c>includes.users</c> describe it.</summary>
public sealed record XUser(string Id, string Username, string Name);
