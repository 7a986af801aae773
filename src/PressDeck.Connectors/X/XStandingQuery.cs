using PressDeck.Core.Query;

namespace PressDeck.Connectors.X;

/// <summary>A PressDeck standing query (a column, an alert, an inbox rule) to be served by the X stream; <see cref="Id"/> goes into rule tags.</summary>
public sealed record XStandingQuery(string Id, QueryNode Query);
