using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PressDeck.Connectors.X;

/// <summary>
/// Sends one X API request with the token, retrying once with a refreshed token after a 401, and returns the
/// JSON body of a success or throws <see cref="XApiException"/> with the problems of a failure.
/// </summary>
internal sealed class XRequestSender(HttpClient http, XOptions options, TimeProvider time)
{
    /// <summary>Response bodies larger than this are refused (<see cref="XTweetReader.MaxDocumentBytes"/>).</summary>
    private const int MaxBodyBytes = XTweetReader.MaxDocumentBytes;

    public Uri Address(string pathAndQuery) => new(options.ApiUrl, pathAndQuery);

    public async Task<byte[]> SendAsync(string operation, HttpMethod method, string pathAndQuery, object? jsonBody, IXTokenSource token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                using var request = new HttpRequestMessage(method, Address(pathAndQuery));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetTokenAsync(attempt > 0, timeout.Token));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (jsonBody is not null)
                {
                    request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(jsonBody, jsonBody.GetType()));
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var body = await ReadBodyAsync(response, operation, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                {
                    continue;
                }

                throw new XApiException(operation, response.StatusCode, XProblem.ReadAll(body), Net.RetryDelay.Requested(response, time.GetUtcNow()));
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new XApiException($"{operation}: no answer within {options.RequestTimeout.TotalSeconds:0.#} s", exception);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxBodyBytes)
        {
            throw new XApiException($"{operation}: the answer is larger than {MaxBodyBytes:N0} bytes");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var memory = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (memory.Length + read > MaxBodyBytes)
            {
                throw new XApiException($"{operation}: the answer is larger than {MaxBodyBytes:N0} bytes");
            }

            await memory.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return memory.ToArray();
    }
}
