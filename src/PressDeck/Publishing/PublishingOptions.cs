using System.ComponentModel.DataAnnotations;

namespace PressDeck.Publishing;

/// <summary>How scheduled and approved posts go out (section <c>Publishing</c>).</summary>
public sealed class PublishingOptions
{
    public const string Section = "Publishing";

    /// <summary>
    /// What to do with a post whose time passed while PressDeck was not running (more than <see cref="LateAfterMinutes"/>
    /// late): <see cref="LatePostPolicy.Hold"/> (the default) keeps it for a person; <see cref="LatePostPolicy.Send"/> sends it at once.
    /// </summary>
    public LatePostPolicy WhenLate { get; set; } = LatePostPolicy.Hold;

    /// <summary>How late a post may be and still go out without asking (a running PressDeck sends within seconds).</summary>
    [Range(1, 24 * 60)]
    public int LateAfterMinutes { get; set; } = 5;

    /// <summary>Attempts at a post that failed in a way that is safe to retry before a person is told.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>How long a sender holds a post it is sending before it is presumed to have crashed.</summary>
    [Range(10, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>How long before its time an unapproved post is escalated to the approvers, and at half that, to their deputies.</summary>
    [Range(1, 24 * 60)]
    public int EscalateBeforeMinutes { get; set; } = 30;

    /// <summary>
    /// Whether this node sends due posts (default true). With several nodes, any number may send: claims are exclusive.
    /// Turn it off on a node that should only serve people.
    /// </summary>
    public bool SendOnThisNode { get; set; } = true;

    public TimeSpan LateAfter => TimeSpan.FromMinutes(LateAfterMinutes);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan EscalateBefore => TimeSpan.FromMinutes(EscalateBeforeMinutes);
}
