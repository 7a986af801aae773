namespace PressDeck.Connectors.Net;

/// <summary>What the clients that talk to servers people typed in need to know about an answer, or about a failure to get one.</summary>
internal static class HttpAnswers
{
    /// <summary>The whole body, refusing one larger than <paramref name="maxBytes"/> (a hostile or broken server could send without end).</summary>
    public static async Task<byte[]> ReadAtMostAsync(HttpResponseMessage response, int maxBytes, string tooLarge, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new HttpRequestException($"{tooLarge} is larger than {maxBytes / 1024} KB.");
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }

        return buffer.ToArray();
    }

    /// <summary>The refusal of a private or reserved address (SECURITY.md), thrown as it is or inside the handler's own exception.</summary>
    public static OutboundAddressRefusedException? AddressRefusal(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is OutboundAddressRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>True when the connection could not be made, so the server received nothing.</summary>
    public static bool IsBeforeSending(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
}
