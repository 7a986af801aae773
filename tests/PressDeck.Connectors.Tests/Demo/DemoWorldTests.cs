using System.Text.RegularExpressions;
using PressDeck.Connectors.Demo;

namespace PressDeck.Connectors.Tests.Demo;

[Trait("Issue", "2")]
public sealed partial class DemoWorldTests
{
    [Fact]
    public void Has_a_few_hundred_authors_with_unique_simple_handles()
    {
        var world = new DemoWorld(2026);

        Assert.InRange(world.Authors.Count, 300, 600);
        Assert.Equal(world.Authors.Count, world.Authors.Select(account => account.Handle).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(world.Authors, account => Assert.Matches(SimpleHandle(), account.Handle));
    }

    [Fact]
    public void Has_every_kind_of_account()
    {
        var world = new DemoWorld(2026);

        foreach (var role in Enum.GetValues<DemoAccountRole>())
        {
            Assert.Contains(world.Authors, account => account.Role == role);
        }

        Assert.Contains(world.Organisations, account => account.Affiliation == "union");
        Assert.Contains(world.Organisations, account => account.Affiliation == "think tank");
        Assert.Contains(world.Organisations, account => account.Affiliation == "charity");
        Assert.Contains(world.Organisations, account => account.Affiliation == "business group");
    }

    [Fact]
    public void Journalists_have_a_beat_and_an_outlet()
    {
        var world = new DemoWorld(2026);

        Assert.True(world.Journalists.Count >= 50);
        Assert.All(world.Journalists, journalist =>
        {
            Assert.Equal(DemoAccountRole.Journalist, journalist.Role);
            Assert.NotNull(journalist.Affiliation);
            Assert.EndsWith(", " + journalist.Affiliation, journalist.Description, StringComparison.Ordinal);
        });
        Assert.Contains(world.Journalists, journalist => journalist.Description.EndsWith(", The Northern Chronicle", StringComparison.Ordinal));
    }

    [Fact]
    public void Office_account_defaults_to_a_fictional_department()
    {
        var world = new DemoWorld(2026);

        Assert.Equal("dbt_press", world.OfficeAccount.Handle);
        Assert.Equal("Department for Business and Training Press Office", world.OfficeAccount.Author.DisplayName);
        Assert.Equal("Department for Business and Training", world.Department);
        Assert.Same(world.OfficeAccount, world.Authors[0]);
    }

    [Fact]
    public void Office_handle_and_name_are_configurable()
    {
        var world = new DemoWorld(2026, "training_press", "Office for Training Press Office");

        Assert.Equal("training_press", world.OfficeAccount.Handle);
        Assert.True(world.TryGetAccount("@Training_Press", out var office));
        Assert.Same(world.OfficeAccount, office);
        Assert.DoesNotContain(world.Authors, account => account.Handle == "dbt_press");
    }

    [Fact]
    public void Same_seed_gives_the_same_world_and_another_seed_another()
    {
        var handles = new DemoWorld(7).Authors.Select(account => account.Author);
        var again = new DemoWorld(7).Authors.Select(account => account.Author);
        var other = new DemoWorld(8).Authors.Select(account => account.Author);

        Assert.Equal(handles, again);
        Assert.NotEqual(handles, other);
    }

    [Fact]
    public void Topics_have_hashtags_and_the_trending_hashtag_is_one_of_them()
    {
        var world = new DemoWorld(2026);

        Assert.True(world.Topics.Count >= 8);
        Assert.All(world.Topics, topic => Assert.NotEmpty(topic.Hashtags));
        Assert.Equal("SkillsBill", world.TrendingHashtag);
        Assert.Contains(world.Topics, topic => topic.Hashtags.Contains(world.TrendingHashtag));
    }

    [GeneratedRegex("^[a-z0-9_]{2,30}$")]
    private static partial Regex SimpleHandle();
}
