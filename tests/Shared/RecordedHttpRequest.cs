using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace PressDeck.Testing;

/// <summary>One request a fake network server received, exactly as it came, for tests that check what was sent.</summary>
internal sealed record RecordedHttpRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>A header's value (several joined by <c>, </c>), or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The fields of a form-urlencoded body, in order, repeated keys (<c>media_ids[]</c>) kept.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FormFields()
    {
        var reader = new FormReader(BodyText);
        var fields = new List<KeyValuePair<string, string>>();
        while (reader.ReadNextPair() is { } pair)
        {
            fields.Add(new KeyValuePair<string, string>(pair.Key, pair.Value));
        }

        return fields;
    }

    /// <summary>Reads the request's body and leaves it readable again for the endpoint.</summary>
    public static async Task<RecordedHttpRequest> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Request.EnableBuffering();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Request.Body.Position = 0;
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RecordedHttpRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body.ToArray());
    }
}
