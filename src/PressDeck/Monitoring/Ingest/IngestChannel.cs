using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PressDeck.Monitoring.Ingest;

/// <summary>
/// The bounded queue between the sources and the ingest worker. When it is full, <see cref="WriteAsync"/> waits: a source
/// that outruns the archive slows down instead of growing memory.
/// </summary>
public sealed class IngestChannel
{
    private readonly Channel<IngestItem> _channel;

    public IngestChannel(IOptions<IngestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = options.Value.QueueCapacity;
        _channel = Channel.CreateBounded<IngestItem>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }

    public int Depth => _channel.Reader.Count;

    public ChannelReader<IngestItem> Reader => _channel.Reader;

    public ValueTask WriteAsync(IngestItem item, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(item, cancellationToken);
}
