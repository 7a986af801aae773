using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Tests.Demo;

[Trait("Issue", "2")]
public sealed class DemoNetworkTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task At_ten_posts_a_second_one_simulated_second_gives_ten_posts()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 10);
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        Assert.Empty(await stream.TakeAvailableAsync());

        clock.Advance(TimeSpan.FromSeconds(1));
        var firstSecond = await stream.TakeAvailableAsync();
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var halfSecond = await stream.TakeAvailableAsync();

        Assert.Equal(10, firstSecond.Count);
        Assert.Equal(5, halfSecond.Count);
        Assert.Equal(DemoTestData.Start.AddMilliseconds(100), firstSecond[0].CreatedAt);
        Assert.Equal(DemoTestData.Start.AddSeconds(1), firstSecond[^1].CreatedAt);
        Assert.Equal(DemoTestData.Start.AddSeconds(1.5), halfSecond[^1].CreatedAt);
    }

    [Fact]
    public async Task At_five_thousand_posts_a_second_each_simulated_second_gives_five_thousand_posts()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 5_000);
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        await stream.TakeAvailableAsync();

        clock.Advance(TimeSpan.FromSeconds(1));
        var firstSecond = await stream.TakeAvailableAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var secondSecond = await stream.TakeAvailableAsync();

        Assert.Equal(5_000, firstSecond.Count);
        Assert.Equal(5_000, secondSecond.Count);
        Assert.All(secondSecond, post => Assert.InRange(post.CreatedAt, DemoTestData.Start.AddSeconds(1), DemoTestData.Start.AddSeconds(2)));
        Assert.Equal(10_000, network.NextSequence);
    }

    [Fact]
    public async Task Stream_gives_the_factory_posts_in_sequence()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 50);
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        await stream.TakeAvailableAsync();

        clock.Advance(TimeSpan.FromSeconds(2));
        var posts = await stream.TakeAvailableAsync();

        var expected = DemoTestData.Factory().CreateMany(0, 100, DemoTestData.Start, TimeSpan.FromSeconds(1));
        Assert.Equal(expected.Select(post => (post.RemoteId, post.Author, post.Text)), posts.Select(post => (post.RemoteId, post.Author, post.Text)));
    }

    [Fact]
    public async Task Published_post_appears_in_the_stream_at_once_even_when_the_rate_is_slow()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 0.1);
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        await stream.TakeAvailableAsync();
        clock.Advance(TimeSpan.FromSeconds(3));

        var published = await network.PublishAsync(Draft("draft-1", "Our response to today's figures. #SkillsBill"), Cancellation);
        var posts = await stream.TakeAvailableAsync();

        var post = Assert.Single(posts);
        Assert.Equal(published, post);
        Assert.Equal("Our response to today's figures. #SkillsBill", post.Text);
        Assert.Equal(network.World.OfficeAccount.Author, post.Author);
        Assert.StartsWith("demo:2026:out-", post.RemoteId, StringComparison.Ordinal);
        Assert.StartsWith("https://demo.pressdeck.local/dbt_press/posts/out-", post.Url, StringComparison.Ordinal);
        Assert.Equal(DemoTestData.Start.AddSeconds(3), post.CreatedAt);
    }

    [Fact]
    public async Task Published_post_waits_for_a_stream_that_is_not_running_yet()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 1);

        var published = await network.PublishAsync(Draft("draft-1", "Published before anyone listened."), Cancellation);
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        var posts = await stream.TakeAvailableAsync();

        Assert.Equal([published], posts);
    }

    [Fact]
    public async Task Publishing_the_same_draft_twice_posts_once()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 0.1);
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        await stream.TakeAvailableAsync();

        var first = await network.PublishAsync(Draft("draft-7", "Once only."), Cancellation);
        var second = await network.PublishAsync(Draft("draft-7", "Once only."), Cancellation);
        var posts = await stream.TakeAvailableAsync();

        Assert.Same(first, second);
        Assert.Single(posts);
    }

    [Fact]
    public async Task Refuses_a_post_meant_for_another_network()
    {
        var network = DemoTestData.Network(DemoTestData.Clock(), postsPerSecond: 1);

        await Assert.ThrowsAsync<ArgumentException>(() => network.PublishAsync(Draft("draft-1", "Hello") with { Network = Network.Bluesky }, Cancellation));
    }

    [Fact]
    public async Task Changing_the_rate_takes_effect_at_once()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 0.1);
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        await stream.TakeAvailableAsync();

        network.ChangeRate(100);
        await stream.TakeAvailableAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var posts = await stream.TakeAvailableAsync();

        Assert.Equal(100, posts.Count);
        Assert.Equal(100, network.PostsPerSecond);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.05)]
    [InlineData(1_000_000)]
    [InlineData(double.NaN)]
    public void Refuses_a_rate_out_of_range(double postsPerSecond)
    {
        var network = DemoTestData.Network(DemoTestData.Clock(), postsPerSecond: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => network.ChangeRate(postsPerSecond));
    }

    [Fact]
    public async Task Backfill_spreads_posts_over_the_past_hours_and_the_stream_continues_after_it()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 10);

        var backfill = network.Backfill(500, DemoTestData.Start);
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        await stream.TakeAvailableAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var live = await stream.TakeAvailableAsync();

        Assert.Equal(500, backfill.Count);
        Assert.Equal(DemoTestData.Start, backfill[^1].CreatedAt);
        Assert.InRange(backfill[0].CreatedAt, DemoTestData.Start.AddHours(-6), DemoTestData.Start.AddHours(-5.9));
        Assert.Equal(backfill.OrderBy(post => post.CreatedAt), backfill);
        Assert.Equal("demo:2026:500", live[0].RemoteId);
    }

    [Fact]
    public async Task Resumes_at_a_given_sequence_after_a_restart()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 10);

        network.ResumeAt(12_345);
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        await stream.TakeAvailableAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var posts = await stream.TakeAvailableAsync();

        Assert.Equal("demo:2026:12345", posts[0].RemoteId);
        Assert.Equal(DemoTestData.Factory().Create(12_345, DemoTestData.Start).Text, posts[0].Text);
    }

    [Fact]
    public async Task A_consumer_far_behind_gets_at_most_two_seconds_of_posts()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 100);
        await using var stream = new StreamProbe(network.StreamAsync, Cancellation);
        await stream.TakeAvailableAsync();

        clock.Advance(TimeSpan.FromHours(1));
        var posts = await stream.TakeAvailableAsync();

        Assert.Equal(200, posts.Count);
    }

    [Fact]
    public async Task Cancelling_ends_the_stream()
    {
        var clock = DemoTestData.Clock();
        var network = DemoTestData.Network(clock, postsPerSecond: 1);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var enumerator = network.StreamAsync(cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        var pending = enumerator.MoveNextAsync().AsTask();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    private static Post Draft(string draftId, string text) => new()
    {
        Network = Network.Demo,
        RemoteId = draftId,
        Author = new DemoWorld(2026).OfficeAccount.Author,
        Text = text,
        CreatedAt = DemoTestData.Start,
        Languages = ["en-GB"],
        Hashtags = text.Contains("#SkillsBill", StringComparison.Ordinal) ? ["SkillsBill"] : [],
    };
}
