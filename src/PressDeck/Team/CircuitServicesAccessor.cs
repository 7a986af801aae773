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
