using PressDeck.Core.Query;

namespace PressDeck.Cli;

/// <summary>A query of a <c>--queries</c> file with the id the output names it by.</summary>
internal sealed record NamedQuery(string Id, QueryNode Query);
