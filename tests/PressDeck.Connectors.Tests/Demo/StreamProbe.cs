using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Tests.Demo;

/// <summary>
/// Reads a stream step by step: <see cref="TakeAvailableAsync"/> returns every post the stream yields without
/// more simulated time passing, and stops once the stream has been waiting for a short real-time quiet period.
/// Disposing cancels the stream, which would otherwise wait on the fake clock for ever.
/// </summary>
internal sealed class StreamProbe : IAsyncDisposable
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _cancellation;
    private readonly IAsyncEnumerator<Post> _enumerator;
    private Task<bool>? _pending;

    public StreamProbe(Func<CancellationToken, IAsyncEnumerable<Post>> stream, CancellationToken cancellationToken)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _enumerator = stream(_cancellation.Token).GetAsyncEnumerator(_cancellation.Token);
    }

    public async Task<List<Post>> TakeAvailableAsync()
    {
        var posts = new List<Post>();
        while (true)
        {
            _pending ??= _enumerator.MoveNextAsync().AsTask();
            if (!_pending.IsCompleted && await Task.WhenAny(_pending, Task.Delay(QuietPeriod, _cancellation.Token)) != _pending)
            {
                return posts;
            }

            if (!await _pending)
            {
                return posts;
            }

            _pending = null;
            posts.Add(_enumerator.Current);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        if (_pending is not null)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _pending);
        }

        await _enumerator.DisposeAsync();
        _cancellation.Dispose();
    }
}
