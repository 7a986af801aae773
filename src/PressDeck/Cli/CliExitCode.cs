namespace PressDeck.Cli;

/// <summary>The exit codes of every verb, as the README documents them.</summary>
internal static class CliExitCode
{
    /// <summary>The verb did its work; for <c>match</c>, also when nothing matched or some post lines were skipped.</summary>
    public const int Success = 0;

    /// <summary>An input file is missing, unreadable or not in its format (a bad post line is skipped instead).</summary>
    public const int Failure = 1;

    /// <summary>The command line or a query is invalid: nothing was done.</summary>
    public const int Usage = 2;

    /// <summary><c>audit verify</c> found the audit trail changed, with an entry missing, or cut short.</summary>
    public const int AuditTrailBroken = 3;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Canceled = 130;
}
