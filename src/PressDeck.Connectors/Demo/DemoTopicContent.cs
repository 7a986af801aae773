namespace PressDeck.Connectors.Demo;

/// <summary>
/// What the world says about one topic. Phrases may contain slots (<c>{place}</c>, <c>{money}</c>, …) that
/// <see cref="DemoDraft"/> fills. <see cref="Questions"/> read after "can you confirm whether …";
/// <see cref="Issues"/> and <see cref="People"/> are lower-case noun phrases.
/// </summary>
internal sealed class DemoTopicContent
{
    public required DemoTopic Topic { get; init; }

    /// <summary>Relative popularity before drift.</summary>
    public required double Weight { get; init; }

    public required string[] Policies { get; init; }

    public required string[] Issues { get; init; }

    public required string[] People { get; init; }

    public required string[] Stats { get; init; }

    public required string[] Headlines { get; init; }

    public required string[] Questions { get; init; }

    public required string[] OfficeLines { get; init; }

    public required string[] OppositionLines { get; init; }

    public required string[] Stances { get; init; }

    public required string[] Asks { get; init; }

    public required string[] Opinions { get; init; }

    public required string[] Publications { get; init; }

    public required string[] Images { get; init; }
}
