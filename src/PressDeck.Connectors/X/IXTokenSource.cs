namespace PressDeck.Connectors.X;

/// <summary>
/// Where the X clients get the token for <c>Authorization: Bearer</c> (protocols.md 3.1): the app-only bearer token
/// (<see cref="XBearerToken"/>) for the stream, rules, search and lookups, or an OAuth 2.0 user token for the
/// office's account (mentions, <c>users/me</c>), which the web app implements over its stored, encrypted, refreshable
/// connected account. Tokens are never logged.
/// </summary>
public interface IXTokenSource
{
    /// <summary>
    /// The token to send. <paramref name="refresh"/> is true after X refused the previous one with 401: a user-token
    /// source refreshes it (a refresh token rotates) and a static one returns the same, so the call fails clearly.
    /// </summary>
    ValueTask<string> GetTokenAsync(bool refresh, CancellationToken cancellationToken);
}
