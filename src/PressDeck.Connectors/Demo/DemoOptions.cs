using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    public const string DefaultOfficeHandle = "dbt_press";

    public const string DefaultOfficeDisplayName = "Department for Business and Training Press Office";

    public const double MinimumPostsPerSecond = 0.1;

    public const double MaximumPostsPerSecond = 20_000;

    public bool Enabled { get; set; } = true;

    /// <summary>The same seed gives the same world and the same sequence of posts (timestamps aside).</summary>
    public int Seed { get; set; } = 2026;

    [Range(MinimumPostsPerSecond, MaximumPostsPerSecond)]
    public double PostsPerSecond { get; set; } = 2;

    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 7;

    /// <summary>How many back-dated posts to take on a first start so the deck is not empty.</summary>
    [Range(0, 1_000_000)]
    public int BackfillCount { get; set; } = 500;

    [Required]
    [RegularExpression("^[A-Za-z0-9_]{1,30}$")]
    public string OfficeHandle { get; set; } = DefaultOfficeHandle;

    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string OfficeDisplayName { get; set; } = DefaultOfficeDisplayName;
}
