namespace PressDeck.Publishing;

/// <summary>An account's approval policy as the admin edits it.</summary>
public sealed class PolicyForm
{
    public List<PolicyStepForm> Steps { get; init; } = [];

    public bool RepliesGoStraight { get; set; }

    public bool UrgentGoesFirst { get; set; }

    public bool AskAboutParliament { get; set; }
}
