using System.Net;
using System.Net.Http.Headers;

namespace PressDeck.Connectors.X;

/// <summary>
/// A request body that remembers whether the handler began to send it. X has no idempotency key, so this is the line
/// between "nothing reached X" (safe to try again) and "X may have acted on it" (look before trying again): the handler
/// sends the body only after it has a connection and has written the headers.
/// </summary>
internal sealed class XRequestBody : ByteArrayContent
{
    private int _started;

    public XRequestBody(byte[] content, string contentType)
        : base(content)
    {
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    public bool HasStartedSending => Volatile.Read(ref _started) == 1;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Interlocked.Exchange(ref _started, 1);
        return base.SerializeToStreamAsync(stream, context);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _started, 1);
        return base.SerializeToStreamAsync(stream, context, cancellationToken);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _started, 1);
        base.SerializeToStream(stream, context, cancellationToken);
    }
}
