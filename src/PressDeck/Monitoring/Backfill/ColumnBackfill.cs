using System.Threading.Channels;
using PressDeck.Core.Query;

namespace PressDeck.Monitoring.Backfill;

/// <summary>
/// Asks for a new or changed column to be filled with recent posts from the networks' searches, so it does not start
/// empty. Requests wait in a small queue for <see cref="ColumnBackfillWorker"/>; saving a column never waits for a network.
/// </summary>
public sealed class ColumnBackfill
{
    private readonly Channel<QueryNode> _requests = Channel.CreateBounded<QueryNode>(new BoundedChannelOptions(64)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    internal ChannelReader<QueryNode> Requests => _requests.Reader;

    public void Request(QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _requests.Writer.TryWrite(query);
    }
}
