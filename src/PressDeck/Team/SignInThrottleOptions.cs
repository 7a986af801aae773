using System.ComponentModel.DataAnnotations;

namespace PressDeck.Team;

/// <summary>Settings under <c>SignIn</c>: how many sign-in attempts one address may make per minute.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    public const int DefaultAttemptsPerMinute = 10;

    [Range(1, 10_000)]
    public int AttemptsPerMinute { get; set; } = DefaultAttemptsPerMinute;
}
