using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Turns the DIDs in posts read from Jetstream into handles and names: looks up the unknown ones in batches of
/// <see cref="BlueskyAppViewClient.MaxActorsPerCall"/> (<c>app.bsky.actor.getProfiles</c>), keeps them in
/// <see cref="IBlueskyHandles"/>, and rewrites posts with what is known. When the AppView fails, posts keep their DIDs
/// (they still match <c>from:</c> by DID) and lookups pause for <see cref="PauseAfterFailure"/>. One caller at a time.
/// </summary>
public sealed class BlueskyIdentityResolver(BlueskyAppViewClient client, IBlueskyHandles handles, TimeProvider time)
{
    public static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(30);

    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Why the last lookup failed, or null when it did not.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Looks up every DID in <paramref name="posts"/> that has no known profile.</summary>
    public async Task ResolveAsync(IEnumerable<Post> posts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        if (time.GetUtcNow() < _pausedUntil)
        {
            return;
        }

        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            AddIfUnknown(unknown, post.Author.Handle);
            AddIfUnknown(unknown, post.ReplyToHandle);
            AddIfUnknown(unknown, post.RepostOfHandle);
            foreach (var mention in post.Mentions)
            {
                AddIfUnknown(unknown, mention);
            }
        }

        foreach (var batch in unknown.Chunk(BlueskyAppViewClient.MaxActorsPerCall))
        {
            try
            {
                foreach (var profile in await client.GetProfilesAsync(batch, cancellationToken))
                {
                    handles.Learn(profile);
                }

                LastFailure = null;
            }
            catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                LastFailure = exception is OperationCanceledException ? "the AppView did not answer in time" : exception.Message;
                _pausedUntil = time.GetUtcNow() + PauseAfterFailure;
                return;
            }
        }
    }

    /// <summary>The post with every DID that has a known profile replaced by its handle (and the author's name and avatar).</summary>
    public Post Rewrite(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var author = post.Author;
        if (IsDid(author.Handle) && handles.FindProfile(author.Handle) is { } profile)
        {
            author = new Author(profile.Handle, profile.DisplayName ?? profile.Handle, profile.AvatarUrl);
        }

        return post with
        {
            Author = author,
            ReplyToHandle = HandleOf(post.ReplyToHandle),
            RepostOfHandle = HandleOf(post.RepostOfHandle),
            Mentions = post.Mentions.Any(IsDid) ? [.. post.Mentions.Select(mention => HandleOf(mention)!)] : post.Mentions,
        };
    }

    private string? HandleOf(string? value) => value is not null && IsDid(value) ? handles.Find(value) ?? value : value;

    private void AddIfUnknown(HashSet<string> unknown, string? value)
    {
        if (value is not null && IsDid(value) && handles.FindProfile(value) is null && value.Length <= 2048)
        {
            unknown.Add(value);
        }
    }

    private static bool IsDid(string value) => value.StartsWith("did:", StringComparison.Ordinal);
}
