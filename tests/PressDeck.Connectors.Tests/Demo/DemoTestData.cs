using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.Demo;

namespace PressDeck.Connectors.Tests.Demo;

internal static class DemoTestData
{
    public static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    public static DemoPostFactory Factory(int seed = 2026) => new(new DemoWorld(seed));

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(Start));

    public static DemoNetwork Network(FakeTimeProvider clock, double postsPerSecond, int seed = 2026) => new(
        Factory(seed),
        Options.Create(new DemoOptions { Seed = seed, PostsPerSecond = postsPerSecond }),
        clock,
        NullLogger<DemoNetwork>.Instance);
}
