using Microsoft.AspNetCore.Components.Server.Circuits;

namespace PressDeck.Team;

/// <summary>
/// The services of the Blazor circuit whose event is being handled, even from a service resolved in another scope
/// (pages open short scopes for their work): the permission check must see the person of the circuit, not an empty
/// state of a fresh scope. The pattern from "Access server-side Blazor services from a different DI scope".
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }

    /// <summary>
    /// Runs work a component starts for itself, not for a browser event (a live update from a background service), as
    /// its circuit: the permission check then sees the person of the page.
    /// </summary>
    public async Task RunAsAsync(IServiceProvider circuitServices, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var before = Current.Value;
        Current.Value = circuitServices;
        try
        {
            await work();
        }
        finally
        {
            Current.Value = before;
        }
    }
}

internal sealed class CircuitServicesAccessorHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}
