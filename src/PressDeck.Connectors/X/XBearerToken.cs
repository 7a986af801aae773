namespace PressDeck.Connectors.X;

/// <summary>A fixed token: the app-only bearer token from the developer portal (or a user token that is not refreshed).</summary>
public sealed class XBearerToken : IXTokenSource
{
    private readonly string _token;

    public XBearerToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token.Trim();
    }

    public ValueTask<string> GetTokenAsync(bool refresh, CancellationToken cancellationToken) => ValueTask.FromResult(_token);

    /// <summary>The configured bearer token, or null when X is not configured.</summary>
    public static XBearerToken? FromOptions(XOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsConfigured ? new XBearerToken(options.BearerToken!) : null;
    }

    public override string ToString() => "X bearer token (hidden)";
}
